package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Emitter;
import dev.telltale.Event;
import dev.telltale.context.Context;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension as a test uses it: emitters and contexts on the injected pipeline, read back. */
@ExtendWith(TelltaleExtension.class)
class TelltaleExtensionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TelltaleRecorder beforeEach;

    @BeforeEach
    void keep(TelltaleRecorder recorder) {
        beforeEach = recorder;
    }

    @Test
    void beforeEachAndTest_oneTest_getTheSameRecorder(TelltaleRecorder recorder) {
        assertSame(beforeEach, recorder);
        assertSame(recorder.telltale().probes(), recorder.probes());
    }

    @Test
    void emit_fieldsAndHeaders_areReadBackAsPublished(TelltaleRecorder recorder) {
        Emitter orders = recorder.telltale().emitter("shop.orders", "orders-1", Map.of("tenant", "acme"));
        orders.emit("order.placed", Map.of("id", 42, "total", 99.5, "items", List.of("tea", "cake")));

        List<Event> events = recorder.events();

        assertEquals(1, events.size(), events.toString());
        Event placed = events.get(0);
        assertEquals("order.placed", placed.kind());
        assertEquals("shop.orders", placed.routingKey());
        assertEquals("orders-1", placed.source());
        assertEquals(1, placed.seq());
        assertEquals(Thread.currentThread().getName(), placed.thread());
        assertEquals(ProcessHandle.current().pid(), placed.pid());
        assertEquals(Map.of("tenant", "acme"), placed.headers());
        assertEquals(Map.of("id", 42L, "total", 99.5, "items", List.of("tea", "cake")), placed.fields());
    }

    @Test
    void context_bornUpdatedClosed_isReadBackInOrder(TelltaleRecorder recorder) {
        String id;
        try (Context ctx = Context.builder().name("shop.request").fields(Map.of("url", "/cart"))
                .telltale(recorder.telltale()).start()) {
            id = ctx.id();
            ctx.set("status", 200);
        }

        List<Event> life = recorder.events("context");

        assertEquals(List.of("context.born", "context.update", "context.finished"), life.stream().map(Event::kind).toList());
        for (int i = 0; i < life.size(); i++) {
            assertEquals(id, life.get(i).source());
            assertEquals("shop.request", life.get(i).routingKey());
            assertEquals(i + 1, life.get(i).seq());
        }
        assertEquals(Map.of("url", "/cart"), life.get(0).fields());
        assertEquals(Map.of("status", 200L), life.get(1).fields());
        assertEquals(false, life.get(2).field("reclaimed"));
    }

    @Test
    void eventsByKind_prefix_matchesWholeWordsOnly(TelltaleRecorder recorder) {
        Emitter e = recorder.telltale().emitter("shop.orders");
        e.emit("order.placed", Map.of());
        e.emit("order.placedLate", Map.of());
        e.emit("order", Map.of());
        e.emit("orders.shipped", Map.of());

        assertEquals(List.of("order.placed", "order.placedLate", "order"), kinds(recorder.events("order")));
        assertEquals(List.of("order.placed"), kinds(recorder.events("order.placed")));
        assertEquals(List.of("order.placed", "order.placedLate"), kinds(recorder.events("order.")));
        assertEquals(List.of(), kinds(recorder.events("shipped")));
    }

    @Test
    void awaitEvent_emittedOnAnotherThread_returnsTheFirstMatch(TelltaleRecorder recorder) throws Exception {
        Emitter e = recorder.telltale().emitter("shop.orders");
        Thread worker = new Thread(() -> {
            for (int i = 1; i <= 5; i++) {
                e.emit("order.placed", Map.of("id", i));
            }
        }, "worker");
        worker.start();

        Event third = recorder.awaitEvent(ev -> Long.valueOf(3).equals(ev.field("id")), WAIT);

        assertEquals(3L, third.field("id"));
        assertEquals("worker", third.thread());
        worker.join();
    }

    @Test
    void awaitEvents_enoughArrive_returnsEveryMatchingEvent(TelltaleRecorder recorder) {
        Emitter e = recorder.telltale().emitter("shop.orders");
        e.emit("order.placed", Map.of("id", 1));
        e.emit("order.cancelled", Map.of("id", 1));
        e.emit("order.placed", Map.of("id", 2));

        List<Event> placed = recorder.awaitEvents("order.placed", 2, WAIT);

        assertEquals(List.of(1L, 2L), placed.stream().map(ev -> ev.field("id")).toList());
    }

    @Test
    void awaitEvent_noneMatches_failsListingWhatArrived(TelltaleRecorder recorder) {
        recorder.telltale().emitter("shop.orders").emit("order.placed", Map.of("id", 7));

        AssertionError failure = assertThrows(AssertionError.class,
                () -> recorder.awaitEvent(ev -> ev.kind().equals("order.shipped"), Duration.ofMillis(50)));

        assertTrue(failure.getMessage().startsWith("no event matched the condition within PT0.05S; the one event published was:"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  1. order.placed on shop.orders {id=7}"), failure.getMessage());
    }

    @Test
    void awaitEvents_tooFew_failsSayingHowManyArrived(TelltaleRecorder recorder) {
        Emitter e = recorder.telltale().emitter("shop.orders");
        e.emit("order.placed", Map.of("id", 1));
        e.emit("order.cancelled", Map.of("id", 1));

        AssertionError failure = assertThrows(AssertionError.class,
                () -> recorder.awaitEvents("order.placed", 2, Duration.ofMillis(50)));

        assertTrue(failure.getMessage().startsWith("expected 2 events of kind order.placed within PT0.05S but only 1 arrived;"
                + " the 2 events published were:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  2. order.cancelled on shop.orders {id=1}"), failure.getMessage());
    }

    @Test
    void awaitEvent_nothingEmitted_saysNoEventArrived(TelltaleRecorder recorder) {
        AssertionError failure = assertThrows(AssertionError.class, () -> recorder.awaitEvent(ev -> true, Duration.ZERO));

        assertTrue(failure.getMessage().startsWith("no event matched the condition within PT0S; no event was published at all"),
                failure.getMessage());
    }

    @Test
    void awaitEvent_manyArrived_listsOnlyTheLastFifty(TelltaleRecorder recorder) {
        Emitter e = recorder.telltale().emitter("shop.orders");
        for (int i = 1; i <= 60; i++) {
            e.emit("order.placed", Map.of("id", i));
        }

        String message = assertThrows(AssertionError.class,
                () -> recorder.awaitEvent(ev -> false, Duration.ZERO)).getMessage();

        assertTrue(message.contains("the 60 events published were:\n  (the first 10 left out)\n  11. order.placed"), message);
        assertTrue(message.endsWith("60. order.placed on shop.orders {id=60}"), message);
        assertFalse(message.contains("{id=10}"), message);
    }

    @Test
    void awaitArguments_invalid_areRefused(TelltaleRecorder recorder) {
        assertThrows(NullPointerException.class, () -> recorder.awaitEvent(null, WAIT));
        assertThrows(NullPointerException.class, () -> recorder.awaitEvent(ev -> true, null));
        assertThrows(NullPointerException.class, () -> recorder.awaitEvents(null, 1, WAIT));
        assertThrows(NullPointerException.class, () -> recorder.events(null));
        assertEquals("timeout must not be negative but was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> recorder.awaitEvent(ev -> true, Duration.ofSeconds(-1))).getMessage());
        assertEquals("count must be at least 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> recorder.awaitEvents("x", 0, WAIT)).getMessage());
        assertEquals("target == null", assertThrows(NullPointerException.class,
                () -> recorder.breakpoint(null, ProbeEvent.CALL)).getMessage());
        assertEquals("event == null", assertThrows(NullPointerException.class,
                () -> recorder.breakpoint(Target.handle("h"), (ProbeEvent) null)).getMessage());
        assertEquals("options == null", assertThrows(NullPointerException.class,
                () -> recorder.breakpoint(Target.handle("h"), (UnaryOperator<Breakpoint.Builder>) null)).getMessage());
    }

    @Test
    void awaitEvents_noneOfTheKind_saysNoneArrived(TelltaleRecorder recorder) {
        recorder.telltale().emitter("shop.orders").emit("order.cancelled", Map.of());

        AssertionError failure = assertThrows(AssertionError.class,
                () -> recorder.awaitEvents("order.placed", 1, Duration.ZERO));

        assertTrue(failure.getMessage().startsWith("expected 1 event of kind order.placed within PT0S but none arrived;"
                + " the one event published was:\n  1. order.cancelled on shop.orders {}"), failure.getMessage());
    }

    @Test
    void stats_afterEvents_countThemPublished(TelltaleRecorder recorder) {
        recorder.telltale().emitter("shop.orders").emit("order.placed", Map.of());
        recorder.telltale().emitter("shop.orders").emit("order.placed", Map.of());

        assertEquals(2, recorder.events().size());
        assertEquals(2, recorder.stats().published());
        assertEquals("memory", recorder.stats().backend());
        assertEquals(0, recorder.evicted());
    }

    private static List<String> kinds(List<Event> events) {
        return events.stream().map(Event::kind).toList();
    }
}
