package dev.telltale.internal;

import dev.telltale.Telltale;
import java.util.Objects;

/**
 * The engine behind a {@link Telltale}, for Telltale's own packages outside {@code dev.telltale}
 * (contexts now; probes, watches, tracing and snapshots later), without a public method on the
 * facade. {@link Telltale} registers its accessor when it is initialized (the "shared secrets"
 * pattern); as a caller holds a {@code Telltale}, the accessor is always there.
 */
public final class Engines {

    /** Reads a pipeline's engine; implemented by {@link Telltale}. */
    @FunctionalInterface
    public interface Access {
        Engine engine(Telltale telltale);
    }

    private static volatile Access access;

    private Engines() {}

    /**
     * Called once, by {@link Telltale}'s static initializer.
     *
     * @throws IllegalStateException if an accessor is registered already
     */
    public static synchronized void register(Access a) {
        if (access != null) {
            throw new IllegalStateException("Telltale's engine accessor is registered already");
        }
        access = a;
    }

    /**
     * The engine behind {@code telltale}.
     *
     * @throws NullPointerException if {@code telltale} is null
     */
    public static Engine of(Telltale telltale) {
        Objects.requireNonNull(telltale, "telltale == null");
        Access a = access;
        if (a == null) { // only while another thread is still initializing Telltale
            ClassInit.ensure(Telltale.class);
            a = access;
        }
        return a.engine(telltale);
    }
}
