package dev.telltale.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code ./telltale} command. */
interface Command {

    String name();

    /** What follows the command's name in its usage line. */
    default String synopsis() {
        return "[options]";
    }

    /** One line for the command list. */
    String summary();

    /** What the command does, for {@code ./telltale <command> --help}, after the synopsis. */
    String description();

    List<Option> options();

    /** What {@code --help} prints after the options (exit codes, examples); empty for nothing. */
    default String epilog() {
        return "";
    }

    /** Runs the command; returns the exit status. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
