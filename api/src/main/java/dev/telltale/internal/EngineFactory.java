package dev.telltale.internal;

import java.util.Map;

/** Creates engines; {@code telltale-core} provides one through {@link java.util.ServiceLoader}. */
public interface EngineFactory {

    /**
     * Creates and starts an engine.
     *
     * @param explicit {@code telltale.*} settings given in code; they win over every other source
     * @param readEnvironment whether system properties, {@code TELLTALE_*} environment variables
     *     and {@code telltale.properties} are read too
     * @param shutdownHook whether a JVM shutdown hook closes the engine
     * @throws IllegalArgumentException if an explicit setting is unknown or malformed, or the
     *     configured backend does not exist; the message names it
     */
    Engine create(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook);
}
