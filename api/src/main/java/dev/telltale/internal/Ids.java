package dev.telltale.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Source ids for emitters, contexts and whatever else needs one. */
public final class Ids {

    private Ids() {}

    /** A random (version 4) UUID string, from {@link ThreadLocalRandom}: unique, not secret. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (random.nextLong() & ~(3L << 62)) | (2L << 62); // IETF variant
        return new UUID(msb, lsb).toString();
    }
}
