package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyProbeTest {

    interface Prices {
        long price(String sku, int quantity) throws IOException;

        default String currency() {
            return "EUR";
        }
    }

    static final class ShopPrices implements Prices {
        int calls;

        @Override
        public long price(String sku, int quantity) throws IOException {
            calls++;
            if (sku.isEmpty()) {
                throw new IOException("no sku");
            }
            return 100L * quantity;
        }
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void proxy_withoutProbe_callsTargetAndKeepsInterface() throws IOException {
        ShopPrices real = new ShopPrices();
        Prices p = probes.proxy(Prices.class, real);
        assertEquals(300, p.price("a", 3));
        assertEquals("EUR", p.currency());
        assertEquals(1, real.calls);
        assertTrue(p.equals(probes.proxy(Prices.class, real)), "a proxy equals another proxy of the same object");
        assertEquals(real.hashCode(), p.hashCode());
    }

    @Test
    void proxy_targetThrows_callerGetsSameException() {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        IOException e = assertThrows(IOException.class, () -> p.price("", 1));
        assertEquals("no sku", e.getMessage());
    }

    @Test
    void counter_countsCallsAndReportsEachInterval() throws Exception {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        for (int i = 0; i < 5; i++) {
            p.price("a", 1);
        }
        Event metric = engine.await(e -> e.kind().equals("probe.metric") && Long.valueOf(5).equals(e.field("total")),
                Duration.ofSeconds(10));
        assertEquals("calls", metric.field("instrument"));
        assertEquals("counter", metric.field("type"));
        assertEquals(probe.id(), metric.source());
        assertEquals("telltale.probe", metric.routingKey());
        assertEquals(5L, probe.instruments().get(0).hits());
    }

    @Test
    void timer_recordsElapsedOnReturnOnly() throws Exception {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach("dev.telltale.core.internal.probe.ProxyProbeTest$Prices#price");
        probe.add(InstrumentSpec.timer("latency").build());
        p.price("a", 1);
        p.price("b", 2);
        assertThrows(IOException.class, () -> p.price("", 1));
        Event metric = engine.await(e -> e.kind().equals("probe.metric") && Long.valueOf(2).equals(e.field("count")),
                Duration.ofSeconds(10));
        assertTrue(((Number) metric.field("max_ns")).longValue() > 0, metric.toString());
        assertEquals(2L, probe.instruments().get(0).hits());
    }

    @Test
    void exceptionEvent_firesOnThrowAndExceptionStillReachesCaller() throws Exception {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.log("failures", null).event(ProbeEvent.EXCEPTION).build());
        p.price("a", 1);
        assertThrows(IOException.class, () -> p.price("", 1));
        Event log = engine.await("probe.log", Duration.ofSeconds(5));
        assertEquals("java.io.IOException", log.field("exception"));
        assertEquals("no sku", log.field("exception_message"));
        assertEquals(1, engine.events("probe.log").size());
    }

    @Test
    void attach_sameTargetTwice_returnsOneProbe() {
        probes.proxy(Prices.class, new ShopPrices());
        Probe a = probes.attach(Target.method(Prices.class, "price"));
        assertSame(a, probes.attach(Target.method(Prices.class, "price")));
        assertEquals(List.of(a), probes.list());
    }

    @Test
    void attach_unproxiedClass_saysWhatIsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.attach("com.acme.Orders#checkout"));
        assertTrue(e.getMessage().contains("no proxy of com.acme.Orders"), e.getMessage());
        assertTrue(e.getMessage().contains("agent"), e.getMessage());
    }

    @Test
    void probe_proxyMadeAfterAttach_isProbedToo() throws Exception {
        probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        Prices later = probes.proxy(Prices.class, new ShopPrices());
        later.price("a", 1);
        assertEquals(1L, probe.instruments().get(0).hits());
    }

    @Test
    void stop_pausesAndStartResumes() throws Exception {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        probe.stop();
        p.price("a", 1);
        assertFalse(probe.running());
        probe.start();
        p.price("a", 1);
        assertEquals(1L, probe.instruments().get(0).hits());
        assertEquals(1, engine.events("probe.stopped").size());
        assertEquals(1, engine.events("probe.started").size());
    }

    @Test
    void lifespan_endsByTimerWithoutFurtherCalls_andProbeDetaches() throws Exception {
        Prices p = probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("brief").lifespan(Duration.ofMillis(100)).build());
        p.price("a", 1);
        Event expired = engine.await("probe.expired", Duration.ofSeconds(10));
        assertEquals("brief", expired.field("instrument"));
        assertEquals(1L, expired.field("hits"));
        Event detached = engine.await("probe.detached", Duration.ofSeconds(10));
        assertEquals("no instruments left", detached.field("reason"));
        assertFalse(probe.attached());
        assertEquals(InstrumentStatus.State.EXPIRED, probe.instruments().get(0).state());
        assertTrue(probes.list().isEmpty());
        engine.await(e -> e.kind().equals("probe.metric") && Boolean.TRUE.equals(e.field("last")), Duration.ofSeconds(5));
    }

    @Test
    void add_duplicateName_refused() {
        probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.counter("calls").build()));
        assertTrue(e.getMessage().contains("'calls' already"), e.getMessage());
    }

    @Test
    void add_unknownType_namesTheTypes() {
        probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.builder("gauge", "g").build()));
        assertTrue(e.getMessage().contains("unknown type 'gauge'"), e.getMessage());
    }

    @Test
    void add_timerOnCall_refused() {
        probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.timer("t").event(ProbeEvent.CALL).build()));
    }

    @Test
    void close_detachesEveryProbe_andAttachFailsAfter() {
        probes.proxy(Prices.class, new ShopPrices());
        Probe probe = probes.attach(Target.method(Prices.class, "price"));
        probe.add(InstrumentSpec.counter("calls").build());
        engine.close();
        assertFalse(probe.attached());
        assertEquals("pipeline closed", engine.events("probe.detached").get(0).field("reason"));
        assertThrows(IllegalStateException.class, () -> probes.attach(Target.method(Prices.class, "price")));
    }
}
