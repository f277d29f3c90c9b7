package dev.telltale.backend.amqp;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Wraps exceptions so that the broker's password appears in neither the new message nor any
 * message down the cause chain. A cause whose chain mentions the password is replaced by a copy
 * with masked messages and the same stack traces.
 */
final class Secrets {

    private static final int MAX_DEPTH = 16;

    private Secrets() {}

    /**
     * An {@link IOException} with {@code message} followed by the cause's class and message,
     * masked. {@code message} is the caller's own text and is not masked (it may show the
     * redacted address, whose user name may equal the password): the caller masks any foreign
     * text it put in. The cause is attached unless its chain mentions the password, in which
     * case a masked copy is attached instead.
     */
    static IOException wrap(BrokerAddress broker, String message, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getName() + ": " + cause.getMessage();
        return new IOException(message + " (" + broker.mask(detail.replace('\n', ' ')) + ")", scrub(broker, cause));
    }

    /** {@code t} itself if no message in its cause chain mentions the password, else a masked copy. */
    static Throwable scrub(BrokerAddress broker, Throwable t) {
        if (!mentions(broker, t)) {
            return t;
        }
        return copy(broker, t, 0, new IdentityHashMap<>());
    }

    private static boolean mentions(BrokerAddress broker, Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            String message = String.valueOf(c.getMessage()) + " " + c;
            if (!message.equals(broker.mask(message))) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (mentions(broker, s)) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static Throwable copy(BrokerAddress broker, Throwable t, int depth, Map<Throwable, Throwable> seen) {
        if (seen.containsKey(t)) {
            return seen.get(t); // null while t is being copied: a cycle back to t ends the chain there
        }
        seen.put(t, null);
        Throwable cause = t.getCause();
        Throwable maskedCause = cause != null && cause != t && depth < MAX_DEPTH
                ? copy(broker, cause, depth + 1, seen) : null;
        Throwable masked = new MaskedException(t.getClass().getName(), broker.mask(t.getMessage()), maskedCause);
        masked.setStackTrace(t.getStackTrace());
        seen.put(t, masked);
        return masked;
    }

    /** A stand-in for an exception whose message had to be masked; says which class it was. */
    static final class MaskedException extends Exception {

        MaskedException(String originalClass, String maskedMessage, Throwable cause) {
            super(maskedMessage == null ? originalClass : originalClass + ": " + maskedMessage, cause, false, true);
        }
    }
}
