package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.internal.Engine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe's snapshot instrument saves the exception with the call's receiver and arguments on its frame. */
class SnapshotProbeTest {

    @TempDir
    Path dir;

    public interface Pricing {
        long price(String sku, int quantity);
    }

    static final class FailingPricing implements Pricing {
        final String region = "eu";

        @Override
        public long price(String sku, int quantity) {
            throw new IllegalArgumentException("no price for " + sku);
        }
    }

    @Test
    void snapshotInstrumentOnException_failedCall_savesTheArgumentsAndReceiverOnTheMethodsFrame() throws Exception {
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            Pricing pricing = engine.probes().proxy(Pricing.class, new FailingPricing());
            Probe probe = engine.probes().attach(Target.method(Pricing.class, "price"));
            probe.add(InstrumentSpec.builder("snapshot", "on-failure").event(ProbeEvent.EXCEPTION).build());
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> pricing.price("tea", 3));
            assertEquals("no price for tea", thrown.getMessage(), "the caller sees the target's own exception");
            assertEquals(1, count(), "saved on the calling thread, before the exception reached the caller");
            Path file;
            try (Stream<Path> files = Files.list(dir)) {
                file = files.findFirst().orElseThrow();
            }
            Map<String, Object> doc = JsonReader.parseObject(Files.readString(file));
            List<?> frames = (List<?>) ((Map<?, ?>) ((List<?>) doc.get("throwables")).get(0)).get("frames");
            Map<?, ?> top = (Map<?, ?>) frames.get(0);
            assertEquals(FailingPricing.class.getName(), top.get("class"));
            Map<?, ?> values = (Map<?, ?>) top.get("values");
            assertEquals(Map.of("arg0", "tea", "arg1", 3L), values.get("arguments"));
            assertTrue(values.get("this").toString().contains("region=eu"), values.toString());
        }
    }

    @Test
    void snapshotInstrumentOnReturn_add_failsSayingItRecordsExceptions() {
        try (StartedEngines engines = new StartedEngines()) {
            Engine engine = engines.start(new RecordingBackend(), "telltale.snapshot.dir", dir.toString());
            engine.probes().proxy(Pricing.class, new FailingPricing());
            Probe probe = engine.probes().attach(Target.method(Pricing.class, "price"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> probe.add(InstrumentSpec.builder("snapshot", "s").event(ProbeEvent.RETURN).build()));
            assertTrue(e.getMessage().contains("a snapshot instrument records exceptions"), e.getMessage());
        }
    }

    private long count() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
