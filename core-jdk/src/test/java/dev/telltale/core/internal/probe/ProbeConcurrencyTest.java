package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Hit;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Application threads calling probe points while instruments come and go, and lifespans racing removals. */
@Timeout(120)
class ProbeConcurrencyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> STRUCTURAL = Set.of("probe.attached", "probe.added", "probe.removed",
            "probe.expired", "probe.error", "probe.started", "probe.stopped", "probe.detached");

    interface Calc {
        long add(long a, long b);
    }

    static long mul(long a, long b) {
        return a * b;
    }

    static volatile CountDownLatch entered;
    static volatile CountDownLatch proceed;

    /** Returns {@code x} once the test lets it, after saying it runs. */
    static long held(long x) throws InterruptedException {
        entered.countDown();
        if (!proceed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not let go");
        }
        return x;
    }

    private static final MethodHandle MUL;
    private static final MethodHandle HELD;

    static {
        try {
            MUL = MethodHandles.lookup().findStatic(ProbeConcurrencyTest.class, "mul",
                    MethodType.methodType(long.class, long.class, long.class));
            HELD = MethodHandles.lookup().findStatic(ProbeConcurrencyTest.class, "held",
                    MethodType.methodType(long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(10));
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void callersWhileInstrumentsComeAndGo_neverSeeAnError_getTheirResults_andEndOnTheOriginal() throws Exception {
        Calc calc = probes.proxy(Calc.class, Long::sum);
        MethodHandle mul = probes.handle("mul", MUL);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        CountDownLatch ready = new CountDownLatch(4);
        List<Thread> callers = new ArrayList<>();
        long[] calls = new long[4];
        for (int t = 0; t < 4; t++) {
            int me = t;
            callers.add(new Thread(() -> {
                ready.countDown();
                try {
                    // bounded: until the controller is done, at most two million rounds
                    for (long i = 0; i < 2_000_000 && (churning.get() || i < 1_000); i++) {
                        long a = i + me;
                        if (calc.add(a, 3) != a + 3) {
                            throw new AssertionError("add(" + a + ", 3) was wrong");
                        }
                        if ((long) mul.invokeExact(a, 3L) != a * 3) {
                            throw new AssertionError("mul(" + a + ", 3) was wrong");
                        }
                        calls[me] = i + 1;
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "caller-" + t));
        }
        callers.forEach(Thread::start);
        assertTrue(ready.await(10, TimeUnit.SECONDS));

        Thread controller = new Thread(() -> {
            try {
                for (int round = 0; round < 60; round++) {
                    for (Target target : List.of(Target.method(Calc.class, "add"), Target.handle("mul"))) {
                        Probe p = probes.attach(target);
                        p.add(InstrumentSpec.counter("calls").build());
                        p.add(InstrumentSpec.timer("latency").build());
                        p.add(InstrumentSpec.log("args", "args[0]").condition("args[1] == 3").rateLimit(50).build());
                        p.add(InstrumentSpec.log("results", "result").event(ProbeEvent.RETURN).rateLimit(50).build());
                        p.add(InstrumentSpec.counter("fails").event(ProbeEvent.EXCEPTION).build());
                        Thread.yield();
                        assertTrue(p.remove("args"), () -> "args was there: " + p.instruments());
                        if (round % 3 == 0) {
                            p.stop();
                            p.start();
                        }
                        assertTrue(p.remove("latency"), () -> "latency was there: " + p.instruments());
                        Thread.yield();
                        assertTrue(p.remove("results"), () -> "results was there: " + p.instruments());
                        p.detach();
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            } finally {
                churning.set(false);
            }
        }, "controller");
        controller.start();
        controller.join(TimeUnit.SECONDS.toMillis(90));
        for (Thread t : callers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(controller.isAlive() || callers.stream().anyMatch(Thread::isAlive), "every thread ended");

        assertEquals(List.of(), List.copyOf(failures), "no exception reached a caller or the controller");
        assertTrue(LongStream.of(calls).allMatch(n -> n >= 1_000), "each caller made its calls: " + List.of(calls));
        assertEquals(List.of(), probes.list());
        HandleSite site = engine.registry().handleSite("mul");
        assertSame(MUL, site.current(), "the handle's call site points at the original again");
        assertEquals(Site.Mode.OFF, site.site().mode());
        assertEquals(List.of(), engine.events("probe.error"), "no instrument failed");
        assertStructuralOrder(engine.events());
    }

    /** Per probe: seq 1..n without gaps, attached first, detached last of its structural events. */
    private static void assertStructuralOrder(List<Event> events) {
        Map<String, List<Event>> byProbe = events.stream().collect(Collectors.groupingBy(Event::source));
        for (Map.Entry<String, List<Event>> e : byProbe.entrySet()) {
            List<Event> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            assertEquals(LongStream.rangeClosed(1, sorted.size()).boxed().toList(),
                    sorted.stream().map(Event::seq).toList(), e.getKey() + " has seq 1..n");
            List<String> structural = sorted.stream().map(Event::kind).filter(STRUCTURAL::contains).toList();
            assertEquals("probe.attached", structural.get(0), e.getKey() + ": " + structural);
            assertEquals("probe.detached", structural.get(structural.size() - 1), e.getKey() + ": " + structural);
            assertEquals(1, structural.stream().filter("probe.detached"::equals).count(), e.getKey() + ": " + structural);
            List<String> kinds = sorted.stream().map(Event::kind).toList();
            int detached = kinds.lastIndexOf("probe.detached");
            assertTrue(kinds.subList(detached, kinds.size()).stream().noneMatch("probe.metric"::equals),
                    e.getKey() + ": no report after probe.detached: " + kinds);
        }
    }

    @Test
    void lifespanEndingWhileRemoved_givesExactlyOneOfExpiredOrRemoved() throws Exception {
        Calc calc = probes.proxy(Calc.class, Long::sum);
        Probe probe = probes.attach(Target.method(Calc.class, "add"));
        probe.add(InstrumentSpec.counter("keeper").build()); // keeps the probe attached throughout
        Map<String, Boolean> removedByCall = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String name = "brief-" + i;
            long lifespan = ThreadLocalRandom.current().nextLong(1, 2_000_000);
            probe.add(InstrumentSpec.counter(name).lifespan(Duration.ofNanos(lifespan)).build());
            calc.add(i, 1);
            long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(0, 2_000_000);
            while (System.nanoTime() < until) { // jitter around the lifespan's end, not a wait for a condition
                Thread.onSpinWait();
            }
            removedByCall.put(name, probe.remove(name));
        }
        probe.detach();
        Await.until(() -> ended(engine.events()).keySet().containsAll(removedByCall.keySet()), WAIT,
                () -> "an end event for each instrument");

        Map<String, List<String>> ends = ended(engine.events());
        Map<String, InstrumentStatus.State> states = probe.instruments().stream()
                .collect(Collectors.toMap(s -> s.spec().name(), InstrumentStatus::state, (a, b) -> a));
        int expired = 0;
        for (Map.Entry<String, Boolean> e : removedByCall.entrySet()) {
            String name = e.getKey();
            List<String> kinds = ends.get(name);
            assertEquals(1, kinds.size(), name + " ended once: " + kinds);
            String kind = kinds.get(0);
            assertEquals(e.getValue() ? "probe.removed" : "probe.expired", kind,
                    name + ": remove() said " + e.getValue());
            if (states.containsKey(name)) { // the status keeps the last few that left
                assertEquals(kind.equals("probe.removed") ? InstrumentStatus.State.REMOVED
                        : InstrumentStatus.State.EXPIRED, states.get(name), name);
            }
            expired += kind.equals("probe.expired") ? 1 : 0;
        }
        assertEquals(List.of("probe.removed"), ends.get("keeper"));
        assertStructuralOrder(engine.events());
        assertEquals(removedByCall.values().stream().filter(r -> !r).count(), expired,
                "each remove() that found the instrument gone lost to its lifespan");
    }

    /** The end events ({@code probe.removed}, {@code probe.expired}, {@code probe.error}) by instrument. */
    private static Map<String, List<String>> ended(List<Event> events) {
        return events.stream().filter(e -> Set.of("probe.removed", "probe.expired", "probe.error").contains(e.kind()))
                .collect(Collectors.groupingBy(e -> (String) e.field("instrument"),
                        Collectors.mapping(Event::kind, Collectors.toList())));
    }

    @Test
    void instrumentFailingWhileItsCleanupWaitsForTheTimer_isStillFinished_whenThePipelineCloses() throws Exception {
        Calc calc = probes.proxy(Calc.class, Long::sum);
        probes.handle("mul", MUL);
        Probe failing = probes.attach(Target.method(Calc.class, "add"));
        Probe holding = probes.attach(Target.handle("mul"));
        CountDownLatch timerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        failing.add(InstrumentSpec.builder("custom", "breaks").build(), new Instrument() {
            @Override
            public void record(Hit hit) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        });
        holding.add(InstrumentSpec.builder("custom", "holder").build(), new Instrument() {
            @Override
            public void record(Hit hit) {}

            @Override
            public Map<String, ?> report() {
                if (Thread.currentThread().getName().startsWith("telltale-probes-") && timerHeld.getCount() > 0) {
                    timerHeld.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS); // holds the timer thread in an interval report
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }
        });
        assertTrue(timerHeld.await(10, TimeUnit.SECONDS), "the timer thread is held");
        assertEquals(3L, calc.add(1, 2)); // "breaks" fails here; its clean-up is queued behind the held timer
        Thread releaser = new Thread(() -> {
            Await.until(() -> !failing.attached(), WAIT, () -> "the failing probe detached by close");
            release.countDown();
        });
        releaser.start();
        engine.close(); // detaches the failing probe first, then the holding one once the timer lets it go
        releaser.join();

        assertTrue(closed.get(), "the failed instrument was closed");
        Event error = engine.await("probe.error", WAIT);
        assertEquals("breaks", error.field("instrument"));
        assertEquals("java.lang.IllegalStateException: broken", error.field("error"));
        assertEquals(1, engine.events("probe.error").size());
        assertFalse(failing.attached());
        assertFalse(holding.attached());
        assertStructuralOrder(engine.events());
    }

    @Test
    void instrumentsArmedWhileACallRuns_skipWhatThatCallDidNotCapture_insteadOfFailingOrRecordingZero() throws Throwable {
        entered = new CountDownLatch(1);
        proceed = new CountDownLatch(1);
        MethodHandle held = probes.handle("held", HELD);
        Probe probe = probes.attach(Target.handle("held"));
        probe.add(InstrumentSpec.counter("calls").build()); // lean, untimed: the call captures nothing
        Queue<Object> outcome = new ConcurrentLinkedQueue<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.add((long) held.invokeExact(7L));
            } catch (Throwable e) {
                outcome.add(e);
            }
        });
        caller.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        probe.add(InstrumentSpec.timer("latency").build());
        probe.add(InstrumentSpec.histogram("arg", "args[0]").build());
        probe.add(InstrumentSpec.log("result", "result").event(ProbeEvent.RETURN).build());
        assertEquals(Site.Mode.FULL, engine.registry().handleSite("held").site().mode());
        proceed.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(List.of(7L), List.copyOf(outcome));
        Map<String, InstrumentStatus> byName = probe.instruments().stream()
                .collect(Collectors.toMap(st -> st.spec().name(), st -> st));
        assertEquals(1L, byName.get("calls").hits());
        for (String name : List.of("latency", "arg", "result")) {
            assertEquals(InstrumentStatus.State.ACTIVE, byName.get(name).state(), name + " " + byName.get(name));
            assertEquals(0L, byName.get(name).hits(), name + " saw a call it could not read whole");
        }
        assertEquals(List.of(), engine.events("probe.error"));

        entered = new CountDownLatch(1);
        proceed.countDown(); // the next call runs through the full combinator and is seen whole
        assertEquals(8L, (long) held.invokeExact(8L));
        assertEquals(1L, probe.instruments().stream().filter(st -> st.spec().name().equals("latency"))
                .findFirst().orElseThrow().hits());
        assertEquals(8L, engine.await("probe.log", WAIT).field("value"));
    }
}
