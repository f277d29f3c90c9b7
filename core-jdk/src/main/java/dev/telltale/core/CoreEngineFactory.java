package dev.telltale.core;

import dev.telltale.internal.Engine;
import dev.telltale.internal.EngineFactory;
import java.util.Map;

/** Provides {@link CoreEngine} to {@link dev.telltale.Telltale} through {@link java.util.ServiceLoader}. */
public final class CoreEngineFactory implements EngineFactory {

    @Override
    public Engine create(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook) {
        return CoreEngine.start(explicit, readEnvironment, shutdownHook);
    }
}
