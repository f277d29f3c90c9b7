package dev.telltale.core.internal.probe.elsewhere;

import dev.telltale.probe.Probes;
import java.util.function.IntFunction;

/** A package-private interface in a package of its own, which core's code cannot reach without reflection. */
public final class Elsewhere {

    interface Secret {
        String reveal(int n);
    }

    /** The target text of {@code Secret#reveal}. */
    public static final String TARGET = Secret.class.getName() + "#reveal";

    private Elsewhere() {}

    /** A proxy of the package-private interface, seen through a function. */
    public static IntFunction<String> proxied(Probes probes) {
        Secret secret = probes.proxy(Secret.class, n -> "secret " + n);
        return secret::reveal;
    }
}
