package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.internal.Events;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code log}'s value is taken on the calling thread as it is at the hit: later changes of the
 * object do not show, its {@code toString()} runs on the caller's thread, and what cannot be read
 * becomes a marker, never an exception in the caller.
 */
class LogValueTest {

    interface Cart {
        List<String> add(List<String> items, Object note);
    }

    /** Mutable, and records the threads its {@code toString()} runs on. */
    static final class Note {
        final List<String> threads = new ArrayList<>();
        int version = 1;

        @Override
        public synchronized String toString() {
            threads.add(Thread.currentThread().getName());
            return "note v" + version;
        }
    }

    static final class Broken {
        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }

    record Line(String sku, AtomicLong count) {}

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeEngine engine = new FakeEngine();
    private final Probes probes = engine.probes();
    private final Cart cart = probes.proxy(Cart.class, (items, note) -> items);

    @AfterEach
    void close() {
        engine.close();
    }

    private void log(String name, String value, ProbeEvent event) {
        probes.attach(Target.method(Cart.class, "add")).add(InstrumentSpec.log(name, value).event(event).build());
    }

    private Event logged(String name) throws InterruptedException {
        return engine.await(e -> e.kind().equals("probe.log") && name.equals(e.field("instrument")), WAIT);
    }

    @Test
    void mutableArgument_changedAfterTheCall_arrivesAsItWasAtTheHit() throws Exception {
        log("items", "args[0]", ProbeEvent.CALL);
        List<String> items = new ArrayList<>(List.of("apple"));
        cart.add(items, null);
        items.add("pear"); // the caller goes on changing it, as the publisher thread would see it
        items.set(0, "plum");
        assertEquals(List.of("apple"), logged("items").field("value"));
    }

    @Test
    void mutableResult_changedAfterTheCall_arrivesAsItWasAtTheHit() throws Exception {
        log("result", "result", ProbeEvent.RETURN);
        List<String> items = new ArrayList<>(List.of("apple"));
        List<String> returned = cart.add(items, null);
        returned.clear();
        assertEquals(List.of("apple"), logged("result").field("value"));
    }

    @Test
    void objectsToString_runsOnTheCallingThread_andItsTextIsTheOneAtTheHit() throws Exception {
        log("note", "args[1]", ProbeEvent.CALL);
        Note note = new Note();
        String caller = Thread.currentThread().getName();
        cart.add(List.of(), note);
        List<String> threadsAtReturn;
        synchronized (note) {
            threadsAtReturn = List.copyOf(note.threads);
            note.version = 2;
        }
        Event e = logged("note");
        assertTrue(!threadsAtReturn.isEmpty() && threadsAtReturn.stream().allMatch(caller::equals),
                "toString ran on " + threadsAtReturn + ", not only on " + caller);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("$type", Note.class.getName());
        expected.put("$repr", "note v1");
        assertEquals(expected, e.field("value"));
        synchronized (note) {
            assertEquals(threadsAtReturn, note.threads, "nothing called toString after the call returned");
        }
    }

    @Test
    void immutableScalars_areKeptAsTheyAre() throws Exception {
        log("note", "args[1]", ProbeEvent.CALL);
        String text = new String("as is");
        cart.add(List.of(), text);
        assertSame(text, logged("note").field("value"));
        Instant now = Instant.now();
        probes.attach(Target.method(Cart.class, "add")).add(InstrumentSpec.log("when", "args[1]").build());
        cart.add(List.of(), now);
        assertSame(now, engine.await(e -> e.kind().equals("probe.log") && "when".equals(e.field("instrument"))
                && now.equals(e.field("value")), WAIT).field("value"));
        assertTrue(HitValue.kept(42L) && HitValue.kept(ProbeEvent.CALL) && HitValue.kept(null) && HitValue.kept('x'));
        assertTrue(!HitValue.kept(new AtomicLong()) && !HitValue.kept(new StringBuilder("x")) && !HitValue.kept(new int[1]));
    }

    @Test
    void toStringThatThrows_becomesAMarker_andTheCallGoesOn() throws Exception {
        log("note", "args[1]", ProbeEvent.CALL);
        assertEquals(List.of("x"), cart.add(List.of("x"), new Broken()));
        Object value = logged("note").field("value");
        assertEquals(Map.of("$type", Broken.class.getName(), "$error", "toString() threw java.lang.IllegalStateException: no text"),
                value);
    }

    @Test
    void capturedValue_encodesAsTheLiveValueWouldHave_butForTheCapturesMargins() {
        JsonLimits limits = new JsonLimits(6, 200, 4, 1 << 20);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("line", new Line("sku-1", new AtomicLong(7)));
        nested.put("many", List.of(1, 2, 3, 4, 5));
        nested.put("deep", List.of(List.of(List.of(List.of("too deep")))));
        nested.put("long", "x".repeat(300));
        nested.put("text", new StringBuilder("built"));
        nested.put(null, 0.1f);
        Object captured = HitValue.capture(nested, HitValue.limitsFor(limits));
        EventCodec codec = new EventCodec(limits);
        String live = json(codec.encode(event(nested)));
        String fromCapture = json(codec.encode(event(captured)));
        String list12 = "java.util.ImmutableCollections$List12";
        String x180 = "x".repeat(180);
        assertEquals("{\"line\":{\"sku\":\"sku-1\",\"count\":7},\"many\":[1,2,3,4,{\"$omitted\":1}],"
                + "\"deep\":[[[{\"$cut\":\"depth\",\"$type\":\"" + list12 + "\"}]]],\"long\":\"" + "x".repeat(200)
                + "…[+100 chars]\",\"$omitted\":2}",
                live.substring(live.indexOf("{\"line\""), live.length() - 2), "the event encoder's own cuts");
        assertEquals("{\"line\":{\"sku\":\"sku-1\",\"count\":7},\"many\":[1,2,3,{\"$omitted\":2}],"
                + "\"deep\":[[{\"$cut\":\"depth\",\"$type\":\"" + list12 + "\"}]],\"$omitted\":3}",
                fromCapture.substring(fromCapture.indexOf("{\"line\""), fromCapture.length() - 2),
                "one item and one level less, each marker counting what the original lost");
        Map<String, Object> wide = new LinkedHashMap<>();
        wide.put("long", "x".repeat(300));
        wide.put("text", new StringBuilder("built"));
        wide.put(null, 0.1f);
        assertEquals("{\"value\":{\"long\":\"" + x180 + "…[+120 chars]\",\"text\":\"built\",\"null\":0.1}}",
                fields(json(codec.encode(event(HitValue.capture(wide, HitValue.limitsFor(limits)))))),
                "a string cut once, 20 chars early, saying how many it lost");
    }

    private static String json(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String fields(String event) {
        return event.substring(event.indexOf("\"fields\":") + 9, event.length() - 1);
    }

    private static Event event(Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("value", value);
        return Events.create("probe.log", "telltale.probe", "probe-1", 1, Instant.EPOCH, "main", "h", 1, Map.of(), fields);
    }
}
