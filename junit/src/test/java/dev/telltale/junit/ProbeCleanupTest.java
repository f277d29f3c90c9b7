package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test that leaves a probe attached and a call paused at a breakpoint: the extension cleans up after it. */
class ProbeCleanupTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Target LABEL = Target.handle("label");

    static String label(String item, int quantity) {
        return quantity + " x " + item;
    }

    private static final MethodHandle LABEL_HANDLE;

    static {
        try {
            LABEL_HANDLE = MethodHandles.lookup().findStatic(ProbeCleanupTest.class, "label",
                    MethodType.methodType(String.class, String.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String call(MethodHandle h, String item, int quantity) {
        try {
            return (String) h.invokeExact(item, quantity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void afterTheTest_pausedCallIsReleasedItsThreadJoinedAndTheProbeDetached() {
        LeftOpen.seen.set(null);

        JupiterRun run = JupiterRun.of(LeftOpen.class);

        run.assertSuccessful("pausesAndLeaves(TelltaleRecorder)");
        LeftOpen.Seen seen = LeftOpen.seen.get();
        assertFalse(seen.worker().isAlive(), "the breakpoint's thread was joined");
        assertEquals("3 x tea", seen.result().get(), "the paused call was let go and returned");
        assertEquals(0, seen.breakpoint().paused());
        assertThrows(IllegalStateException.class, () -> seen.breakpoint().startThread(() -> {}), "it is closed");
        assertFalse(seen.probe().attached(), "the probe was detached");
        assertTrue(seen.recorder().probes().list().isEmpty());
        for (InstrumentStatus s : seen.probe().instruments()) {
            assertEquals(InstrumentStatus.State.REMOVED, s.state(), s.toString());
        }
        assertEquals("2 x cake", call(seen.handle(), "cake", 2), "the handle calls its target, unprobed");

        List<Event> probeEvents = seen.recorder().events("probe");
        assertEquals(List.of("probe.attached", "probe.added", "probe.added", "probe.removed", "probe.removed",
                "probe.detached"), probeEvents.stream().map(Event::kind).filter(k -> !k.equals("probe.metric")).toList());
        Event removed = probeEvents.stream().filter(e -> e.kind().equals("probe.removed")).findFirst().orElseThrow();
        assertEquals("breakpoint", removed.field("type"), "the breakpoint went first");
        assertEquals(1L, removed.field("hits"));
        assertEquals("detached", probeEvents.get(probeEvents.size() - 1).field("reason"));
    }

    @Test
    void breakpointMadeOnTheRecordersProbes_notThroughTheRecorder_itsThreadIsJoinedByThePipelinesClose() {
        LeftOpenOnProbes.seen.set(null);

        JupiterRun run = JupiterRun.of(LeftOpenOnProbes.class);

        run.assertSuccessful("pausesThroughProbesAndLeaves(TelltaleRecorder)");
        LeftOpenOnProbes.Seen seen = LeftOpenOnProbes.seen.get();
        assertFalse(seen.worker().isAlive(), "the pipeline's close joined the breakpoint's thread");
        assertEquals("3 x tea", seen.result().get(), "the paused call was let go and returned");
        assertEquals(0, seen.breakpoint().paused());
        assertThrows(IllegalStateException.class, () -> seen.breakpoint().startThread(() -> {}), "it is ended");
        seen.breakpoint().close(); // its thread threw nothing: the late close passes
    }

    @Test
    void breakpointThreadThrew_theTestFailsWithIt() {
        JupiterRun run = JupiterRun.of(BackgroundFailure.class);

        Throwable failure = run.failure("backgroundWorkThrows(TelltaleRecorder)");

        assertInstanceOf(AssertionError.class, failure);
        assertTrue(failure.getMessage().startsWith("breakpoint on handle:label (call): telltale-breakpoint-"),
                failure.getMessage());
        assertSame(BackgroundFailure.THROWN, failure.getCause());
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class LeftOpen {

        record Seen(TelltaleRecorder recorder, MethodHandle handle, Probe probe, Breakpoint breakpoint, Thread worker,
                AtomicReference<String> result) {}

        static final AtomicReference<Seen> seen = new AtomicReference<>();

        @Test
        void pausesAndLeaves(TelltaleRecorder recorder) {
            MethodHandle h = recorder.probes().handle("label", LABEL_HANDLE);
            Probe probe = recorder.probes().attach(LABEL).add(InstrumentSpec.counter("labels").build());
            Breakpoint bp = recorder.breakpoint(LABEL, ProbeEvent.CALL);
            AtomicReference<String> result = new AtomicReference<>();
            Thread worker = bp.startThread(() -> result.set(call(h, "tea", 3)));

            bp.await(1, WAIT);

            assertEquals(1, bp.paused());
            assertEquals(List.of("tea", 3), bp.frame().args());
            seen.set(new Seen(recorder, h, probe, bp, worker, result)); // neither released nor closed
        }
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class LeftOpenOnProbes {

        record Seen(Breakpoint breakpoint, Thread worker, AtomicReference<String> result) {}

        static final AtomicReference<Seen> seen = new AtomicReference<>();

        @Test
        void pausesThroughProbesAndLeaves(TelltaleRecorder recorder) {
            MethodHandle h = recorder.probes().handle("label", LABEL_HANDLE);
            Breakpoint bp = Breakpoint.on(recorder.probes(), LABEL, ProbeEvent.CALL); // the recorder does not track it
            AtomicReference<String> result = new AtomicReference<>();
            CountDownLatch joining = new CountDownLatch(1);
            Thread worker = bp.startThread(() -> {
                result.set(call(h, "tea", 3));
                await(joining); // ends only once the extension's clean-up waits for it
            });
            bp.await(1, WAIT);
            assertEquals(1, bp.paused());
            Thread cleaning = Thread.currentThread(); // the extension cleans up on the test's thread
            Thread watcher = new Thread(() -> {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < deadline
                        && !(result.get() != null && cleaning.getState() == Thread.State.TIMED_WAITING)) {
                    LockSupport.parkNanos(1_000_000L); // polls, bounded by the deadline: nothing to block on
                }
                joining.countDown();
            });
            watcher.setDaemon(true);
            watcher.start();
            seen.set(new Seen(bp, worker, result)); // neither released nor closed
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class BackgroundFailure {

        static final IllegalStateException THROWN = new IllegalStateException("background work broke");

        @Test
        void backgroundWorkThrows(TelltaleRecorder recorder) {
            recorder.probes().handle("label", LABEL_HANDLE);
            Breakpoint bp = recorder.breakpoint(LABEL, b -> b.recordOnly());
            bp.startThread(() -> {
                throw THROWN;
            });
        }
    }
}
