package dev.telltale.core;

import dev.telltale.internal.Engine;
import dev.telltale.internal.EngineFactory;
import java.util.Map;

/** Placeholder until the pipeline lands. */
public final class CoreEngineFactory implements EngineFactory {
    @Override
    public Engine create(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook) {
        throw new UnsupportedOperationException("not yet");
    }
}
