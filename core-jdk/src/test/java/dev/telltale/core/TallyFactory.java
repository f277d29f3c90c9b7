package dev.telltale.core;

import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.InstrumentSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A custom instrument type, {@code test-tally}, listed in {@code src/test/services} for {@link
 * java.util.ServiceLoader}: counts the hits whose value is not null and reports them with its
 * {@code unit} option. Used by {@link ProbeInstrumentsEndToEndTest}.
 */
public final class TallyFactory implements InstrumentFactory {

    static final String TYPE = "test-tally";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Instrument create(InstrumentSpec spec) {
        String unit = spec.options().getOrDefault("unit", "hits");
        AtomicLong seen = new AtomicLong();
        return new Instrument() {
            @Override
            public void record(dev.telltale.probe.Hit hit) {
                if (hit.value() != null) {
                    seen.incrementAndGet();
                }
            }

            @Override
            public Map<String, ?> report() {
                return Map.of("seen", seen.get(), "unit", unit);
            }
        };
    }
}
