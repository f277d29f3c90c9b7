package dev.telltale.context;

import dev.telltale.Telltale;
import dev.telltale.internal.Engine;
import dev.telltale.internal.EngineFactory;
import dev.telltale.internal.Engines;
import java.util.Map;

/**
 * The engine factory of the api module's tests (no {@code telltale-core} here): every pipeline
 * built is a {@link FakeEngine}; setting {@code fake.flush} chooses how its flush behaves.
 */
public final class FakeEngineFactory implements EngineFactory {

    @Override
    public Engine create(Map<String, String> explicit, boolean readEnvironment, boolean shutdownHook) {
        return new FakeEngine(FakeEngine.Flush.valueOf(explicit.getOrDefault("fake.flush", "RETURN")));
    }

    /** A pipeline of a new fake engine whose flush behaves as {@code flush} says. */
    static Telltale telltale(FakeEngine.Flush flush) {
        return Telltale.builder().readEnvironment(false).shutdownHook(false).set("fake.flush", flush.name()).build();
    }

    static FakeEngine engine(Telltale telltale) {
        return (FakeEngine) Engines.of(telltale);
    }
}
