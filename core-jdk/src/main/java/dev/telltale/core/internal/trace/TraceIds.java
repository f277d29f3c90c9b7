package dev.telltale.core.internal.trace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for new traces and spans, from {@link ThreadLocalRandom}: fast, lock-free and uniformly
 * random in every bit, which W3C Trace Context Level 2 asks of ids marked with the random flag
 * (every trace id made here is). Not unpredictable: ids are no secret.
 */
final class TraceIds {

    private TraceIds() {}

    /** A random id, never 0. */
    static long next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }
}
