package dev.telltale.cli;

/** A command line that cannot be run as written; the message says why, for one line on stderr. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
