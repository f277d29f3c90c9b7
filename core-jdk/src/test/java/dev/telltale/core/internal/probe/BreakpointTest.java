package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Breakpoints on proxies and handles: pausing, failing and recording calls, from several threads. */
class BreakpointTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    interface Account {
        int deposit(String who, int amount);
    }

    interface Store {
        String load(String key) throws IOException;
    }

    static final class Balance implements Account {
        final AtomicInteger balance = new AtomicInteger();

        @Override
        public int deposit(String who, int amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("negative: " + amount);
            }
            return balance.addAndGet(amount);
        }
    }

    static String label(String item, int quantity) {
        return quantity + " x " + item;
    }

    private static final MethodHandle LABEL;

    static {
        try {
            LABEL = MethodHandles.lookup().findStatic(BreakpointTest.class, "label",
                    MethodType.methodType(String.class, String.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Target DEPOSIT = Target.method(Account.class, "deposit");

    private final FakeEngine engine = new FakeEngine();
    private final Probes probes = engine.probes();
    private final Balance real = new Balance();
    private final Account account = probes.proxy(Account.class, real);

    @AfterEach
    void close() {
        engine.close();
    }

    // ---- pausing

    @Test
    void pause_twoThreadsRacingOnOneCall_bothPauseShowTheirFramesAndFinishAfterRelease() {
        Map<String, Integer> results = new ConcurrentHashMap<>();
        try (Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL)) {
            Thread a = bp.startThread(() -> results.put("a", account.deposit("a", 10)));
            Thread b = bp.startThread(() -> results.put("b", account.deposit("b", 20)));

            bp.await(2, WAIT);

            assertEquals(2, bp.paused());
            assertEquals(0, real.balance.get(), "neither call reached the target");
            assertEquals(Map.of(), results);
            List<Breakpoint.Frame> frames = bp.frames();
            assertEquals(Set.of(List.of("a", 10), List.of("b", 20)),
                    frames.stream().map(Breakpoint.Frame::args).collect(Collectors.toSet()));
            assertEquals(Set.of(a, b), frames.stream().map(Breakpoint.Frame::thread).collect(Collectors.toSet()));
            for (Breakpoint.Frame f : frames) {
                assertSame(real, f.self(), "a proxy's receiver is the object it wraps");
                assertNull(f.result());
                assertNull(f.exception());
            }
            assertSame(frames.get(0), bp.frame(), "the first call paused");

            bp.release();
        }
        assertEquals(30, real.balance.get());
        Set<Integer> seen = Set.of(results.get("a"), results.get("b"));
        assertTrue(seen.equals(Set.of(10, 30)) || seen.equals(Set.of(20, 30)), results.toString());
    }

    // ---- the pipeline's close

    @Test
    void pipelineClosed_withABreakpointNobodyClosed_releasesItsPausedCallAndJoinsItsThread() throws Exception {
        Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL); // never closed by the test
        AtomicReference<Integer> result = new AtomicReference<>();
        CountDownLatch joining = new CountDownLatch(1);
        Thread worker = bp.startThread(() -> {
            result.set(account.deposit("w", 5));
            try {
                joining.await(WAIT.toSeconds(), TimeUnit.SECONDS); // goes on once the close waits for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        bp.await(1, WAIT);
        assertEquals(1, bp.paused());
        Thread closing = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            Await.until(() -> closing.getState() == Thread.State.TIMED_WAITING && result.get() != null, WAIT,
                    () -> "the close joining the worker");
            joining.countDown();
        });
        watcher.setDaemon(true);
        watcher.start();

        engine.close();

        assertFalse(worker.isAlive(), "the close joined the thread the breakpoint started");
        assertEquals(5, result.get(), "the paused call went on and returned");
        assertEquals(0, bp.paused());
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> bp.startThread(() -> {}));
        assertTrue(late.getMessage().contains("or the pipeline it was made on"), late.getMessage());
        bp.close(); // nothing went wrong: the user's close after the pipeline's passes
        watcher.join(WAIT.toMillis());
    }

    @Test
    void pipelineClosed_aStartedThreadThrew_theCloseDoesNotThrow_theBreakpointsOwnCloseStillReportsIt() {
        Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build();
        IllegalStateException thrown = new IllegalStateException("background work broke");
        Thread worker = bp.startThread(() -> {
            account.deposit("t", 1);
            throw thrown;
        });

        engine.close();

        assertFalse(worker.isAlive());
        AssertionError e = assertThrows(AssertionError.class, bp::close);
        assertSame(thrown, e.getCause());
    }

    @Test
    void pipelineClosed_breakpointsClosedBeforeAreLeftAlone_andNotKept() {
        ProbeRegistry registry = (ProbeRegistry) probes;
        for (int i = 0; i < 3; i++) {
            try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build()) {
                bp.startThread(() -> account.deposit("x", 1));
            }
        }
        assertTrue(registry.threadStartersKept() <= 1, "closed ones are let go as others are added");
        engine.close();
    }

    @Test
    void release_onlyLetsGoWhatIsPausedNow_laterCallsPauseAgain() throws InterruptedException {
        try (Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL)) {
            Thread first = bp.startThread(() -> account.deposit("first", 1));
            bp.await(1, WAIT);
            bp.release();
            TimeUnit.SECONDS.timedJoin(first, WAIT.toSeconds());
            assertFalse(first.isAlive());
            assertEquals(1, real.balance.get());

            bp.startThread(() -> account.deposit("second", 2));
            bp.await(2, WAIT);

            assertEquals(1, bp.paused());
            assertEquals(List.of("second", 2), bp.frame().args());
            assertEquals(1, real.balance.get(), "the second call waits");
            bp.release();
        }
        assertEquals(3, real.balance.get());
    }

    @Test
    void pause_onHandle_seesArgumentsWithoutReceiver() throws Throwable {
        MethodHandle h = probes.handle("label", LABEL);
        AtomicReference<String> result = new AtomicReference<>();
        try (Breakpoint bp = Breakpoint.on(probes, Target.handle("label"), ProbeEvent.CALL)) {
            bp.startThread(() -> result.set(invoke(h, "tea", 3)));
            bp.await(1, WAIT);

            assertEquals(Arrays.asList("tea", 3), bp.frame().args());
            assertNull(bp.frame().self());
            assertNull(result.get());
            bp.release();
        }
        assertEquals("3 x tea", result.get());
        assertEquals("2 x cake", (String) h.invokeExact("cake", 2), "no breakpoint once closed");
    }

    private static String invoke(MethodHandle h, String item, int quantity) {
        try {
            return (String) h.invokeExact(item, quantity);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void pauseOnReturn_seesTheResult_beforeTheCallerDoes() {
        AtomicReference<Integer> result = new AtomicReference<>();
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).event(ProbeEvent.RETURN).build()) {
            bp.startThread(() -> result.set(account.deposit("a", 5)));
            bp.await(1, WAIT);

            assertEquals(5, bp.frame().result());
            assertEquals(5, real.balance.get(), "the target ran");
            assertNull(result.get(), "the caller has not got it yet");
            bp.release();
        }
        assertEquals(5, result.get());
    }

    @Test
    void pauseOnReturn_onHandle_seesTheResult() throws Throwable {
        MethodHandle h = probes.handle("label", LABEL);
        try (Breakpoint bp = Breakpoint.builder(probes, Target.handle("label")).event(ProbeEvent.RETURN).build()) {
            bp.startThread(() -> invoke(h, "tea", 2));
            bp.await(1, WAIT);
            assertEquals("2 x tea", bp.frame().result());
            bp.release();
        }
    }

    @Test
    void condition_selectsWhichCallsPause() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).condition("args[1] >= 100")
                .maxPause(WAIT).build()) {
            bp.startThread(() -> account.deposit("big", 100));
            bp.await(1, WAIT);

            assertEquals(1, account.deposit("small", 1), "a call the condition leaves out does not pause");

            assertEquals(1, bp.hits());
            assertEquals(1, bp.paused());
            assertEquals(List.of("big", 100), bp.frame().args());
            bp.release();
        }
        assertEquals(101, real.balance.get());
    }

    @Test
    void interrupt_ofAPausedCall_letsItGoOnWithItsInterruptStatus() throws InterruptedException {
        AtomicReference<Integer> result = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL)) {
            Thread t = bp.startThread(() -> {
                result.set(account.deposit("a", 7));
                interrupted.set(Thread.currentThread().isInterrupted());
            });
            bp.await(1, WAIT);

            t.interrupt();
            TimeUnit.SECONDS.timedJoin(t, WAIT.toSeconds());

            assertFalse(t.isAlive(), "the interrupted call went on without a release");
            assertEquals(7, result.get());
            assertTrue(interrupted.get(), "the interrupt status is kept");
            assertEquals(0, bp.paused());
        }
    }

    @Test
    void maxPause_runsOut_callGoesOnAndCloseReportsIt() {
        Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).maxPause(Duration.ofMillis(20)).build();

        assertEquals(4, account.deposit("a", 4), "the call went on by itself");

        assertEquals(1, bp.hits());
        assertEquals(0, bp.paused());
        AssertionError failure = assertThrows(AssertionError.class, bp::close);
        assertEquals("breakpoint on " + DEPOSIT + " (call): 1 call went on after maxPause PT0.02S without release()",
                failure.getMessage());
    }

    // ---- await

    @Test
    void await_tooFewHits_failsSayingHowMany() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build()) {
            account.deposit("a", 1);

            AssertionError failure = assertThrows(AssertionError.class, () -> bp.await(2, Duration.ofMillis(50)));

            assertEquals("breakpoint on dev.telltale.core.internal.probe.BreakpointTest$Account#deposit (call):"
                    + " 1 of 2 hits within PT0.05S", failure.getMessage());
        }
    }

    @Test
    void await_startedThreadThrew_failsWithItAsCause() {
        Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL);
        IllegalStateException broke = new IllegalStateException("background broke");
        Thread t = bp.startThread(() -> {
            throw broke;
        });

        AssertionError failure = assertThrows(AssertionError.class, () -> bp.await(1, WAIT));

        assertSame(broke, failure.getCause());
        assertTrue(failure.getMessage().endsWith("0 of 1 hits within PT10S; " + t.getName()
                + " threw java.lang.IllegalStateException: background broke"), failure.getMessage());
        assertThrows(AssertionError.class, bp::close);
    }

    @Test
    void await_probeDetachedMeanwhile_failsSayingTheBreakpointLeft() {
        try (Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL)) {
            probes.probe(DEPOSIT).orElseThrow().detach();

            AssertionError failure = assertThrows(AssertionError.class, () -> bp.await(1, WAIT));

            assertTrue(failure.getMessage().contains("0 of 1 hits within PT10S; the breakpoint left its probe"),
                    failure.getMessage());
            assertEquals(3, account.deposit("a", 3), "calls pass");
            assertEquals(0, bp.hits());
        }
    }

    @Test
    void detach_whileACallIsPaused_letsItGo() throws InterruptedException {
        try (Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL)) {
            Thread t = bp.startThread(() -> account.deposit("a", 2));
            bp.await(1, WAIT);

            probes.detachAll();
            TimeUnit.SECONDS.timedJoin(t, WAIT.toSeconds());

            assertFalse(t.isAlive());
            assertEquals(2, real.balance.get());
        }
    }

    // ---- failing and recording

    @Test
    void fail_onCall_targetThrowsTheSuppliedErrorAndIsNotCalled() {
        IllegalStateException injected = new IllegalStateException("injected");
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).fail(() -> injected).build()) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> account.deposit("a", 1));

            assertSame(injected, thrown);
            assertEquals(0, real.balance.get());
            assertEquals(1, bp.hits());
            assertEquals(List.of("a", 1), bp.frame().args());
        }
        assertEquals(1, account.deposit("a", 1));
    }

    @Test
    void fail_checkedExceptionTheMethodDeclares_reachesTheCallerAsIs() {
        Store store = probes.proxy(Store.class, key -> "value of " + key);
        IOException injected = new IOException("disk gone");
        try (Breakpoint bp = Breakpoint.builder(probes, Target.method(Store.class, "load")).fail(() -> injected).build()) {
            IOException thrown = assertThrows(IOException.class, () -> store.load("k"));
            assertSame(injected, thrown);
        }
    }

    @Test
    void fail_checkedExceptionTheMethodDoesNotDeclare_isUndeclaredThrowable() {
        IOException injected = new IOException("not declared");
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).fail(() -> injected).build()) {
            UndeclaredThrowableException thrown = assertThrows(UndeclaredThrowableException.class,
                    () -> account.deposit("a", 1));
            assertSame(injected, thrown.getCause());
        }
    }

    @Test
    void fail_onHandle_throwsCheckedExceptionAsIs() {
        MethodHandle h = probes.handle("label", LABEL);
        IOException injected = new IOException("handle failed");
        try (Breakpoint bp = Breakpoint.builder(probes, Target.handle("label")).fail(() -> injected).build()) {
            IOException thrown = assertThrows(IOException.class, () -> {
                String unused = (String) h.invokeExact("tea", 1);
            });
            assertSame(injected, thrown);
        }
    }

    @Test
    void fail_onReturn_targetRanButTheCallerGetsTheError() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).event(ProbeEvent.RETURN)
                .fail(() -> new IllegalStateException("after the fact")).build()) {
            assertThrows(IllegalStateException.class, () -> account.deposit("a", 6));
            assertEquals(6, real.balance.get());
            assertEquals(6, bp.frame().result());
        }
    }

    @Test
    void fail_supplierReturnsNull_targetThrowsNullPointerExceptionSayingSo() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).fail(() -> null).build()) {
            NullPointerException thrown = assertThrows(NullPointerException.class, () -> account.deposit("a", 1));
            assertTrue(thrown.getMessage().contains("error supplier"), thrown.getMessage());
        }
    }

    @Test
    void recordOnly_neverBlocks_recordsEveryFrameInOrder() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().maxPause(WAIT).build()) {
            assertEquals(1, account.deposit("a", 1));
            assertEquals(3, account.deposit(null, 2));
            assertEquals(0, bp.paused());

            assertEquals(2, bp.hits());
            List<Breakpoint.Frame> frames = bp.frames();
            assertEquals(List.of("a", 1), frames.get(0).args());
            assertEquals(Arrays.asList(null, 2), frames.get(1).args(), "null arguments are kept");
            assertSame(Thread.currentThread(), frames.get(0).thread());
            assertSame(frames.get(1), bp.frame(), "the last call recorded");
            assertThrows(UnsupportedOperationException.class, () -> frames.get(0).args().set(0, "b"));
        }
    }

    @Test
    void recordOnly_onException_seesTheException() {
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).event(ProbeEvent.EXCEPTION).recordOnly().build()) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> account.deposit("a", -1));
            assertEquals(1, account.deposit("a", 1));

            assertEquals(1, bp.hits());
            assertSame(thrown, bp.frame().exception());
        }
    }

    // ---- close

    @Test
    void close_withoutRelease_letsPausedCallsGoJoinsThreadsAndDetaches() {
        Breakpoint bp = Breakpoint.on(probes, DEPOSIT, ProbeEvent.CALL);
        Probe probe = probes.probe(DEPOSIT).orElseThrow();
        Thread t = bp.startThread(() -> account.deposit("a", 9));
        bp.await(1, WAIT);

        bp.close();

        assertFalse(t.isAlive(), "joined");
        assertEquals(9, real.balance.get());
        assertEquals(0, bp.paused());
        assertFalse(probe.attached(), "the breakpoint was the probe's only instrument");
        assertTrue(probes.probe(DEPOSIT).isEmpty());
        assertEquals(InstrumentStatus.State.REMOVED, probe.instruments().get(0).state());
        assertEquals("breakpoint", probe.instruments().get(0).spec().type());
        assertEquals(10, account.deposit("b", 1), "later calls pass");
        assertEquals(1, bp.hits());
        bp.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> bp.startThread(() -> {}));
    }

    @Test
    void close_probeHasOtherInstruments_staysAttachedWithThem() {
        Probe probe = probes.attach(DEPOSIT).add(InstrumentSpec.counter("deposits").build());
        Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build();
        assertEquals(2, probe.instruments().size());

        bp.close();

        assertTrue(probe.attached());
        assertEquals(List.of("deposits"), probe.instruments().stream()
                .filter(s -> s.state() == InstrumentStatus.State.ACTIVE).map(s -> s.spec().name()).toList());
    }

    @Test
    void close_startedThreadThrew_failsWithItAsCause() {
        Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build();
        AssertionError broke = new AssertionError("background assertion");
        IllegalStateException also = new IllegalStateException("also broke");
        Thread t1 = bp.startThread(() -> {
            throw broke;
        });
        Thread t2 = bp.startThread(() -> {
            throw also;
        });

        AssertionError failure = assertThrows(AssertionError.class, bp::close);

        assertFalse(t1.isAlive() || t2.isAlive());
        assertTrue(t1.getName().startsWith("telltale-breakpoint-") && t1.isDaemon(), t1.toString());
        Throwable first = failure.getCause();
        Throwable second = failure.getSuppressed()[0];
        assertEquals(Set.of(broke, also), Set.of(first, second));
        assertTrue(failure.getMessage().contains(t1.getName() + " threw java.lang.AssertionError: background assertion"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(t2.getName() + " threw java.lang.IllegalStateException: also broke"),
                failure.getMessage());
    }

    @Test
    void close_interruptedWhileAThreadRuns_failsNamingItWithItsStack() throws InterruptedException {
        Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build();
        CountDownLatch stuck = new CountDownLatch(1);
        Thread t = bp.startThread(() -> {
            try {
                stuck.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long deadline = System.nanoTime() + WAIT.toNanos(); // the stack must show it waiting
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() - deadline < 0) {
            Thread.sleep(1); // polling a condition, bounded by WAIT
        }
        assertEquals(Thread.State.TIMED_WAITING, t.getState(), "the started thread reached its wait");
        AssertionError failure;
        try {
            Thread.currentThread().interrupt();
            failure = assertThrows(AssertionError.class, bp::close);
            assertTrue(Thread.interrupted(), "close keeps the interrupt status");
        } finally {
            stuck.countDown();
            TimeUnit.SECONDS.timedJoin(t, WAIT.toSeconds());
        }

        assertTrue(failure.getMessage().contains(t.getName() + " is still running (close was interrupted"),
                failure.getMessage());
        assertTrue(failure.getMessage().matches("(?s).*\n\tat \\S*java\\.util\\.concurrent\\.CountDownLatch\\.await\\(.*"),
                failure.getMessage());
    }

    // ---- bad input

    @Test
    void badInput_failsNamingWhatWasWrong() {
        assertEquals("probes == null", assertThrows(NullPointerException.class,
                () -> Breakpoint.builder(null, DEPOSIT)).getMessage());
        assertEquals("target == null", assertThrows(NullPointerException.class,
                () -> Breakpoint.builder(probes, null)).getMessage());
        assertEquals("event == null", assertThrows(NullPointerException.class,
                () -> Breakpoint.on(probes, DEPOSIT, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Breakpoint.builder(probes, DEPOSIT).maxPause(Duration.ZERO)).getMessage().contains("PT0S"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Breakpoint.on(probes, Target.handle("nope"), ProbeEvent.CALL)).getMessage()
                .contains("no handle named 'nope'"));
        try (Breakpoint bp = Breakpoint.builder(probes, DEPOSIT).recordOnly().build()) {
            assertThrows(IllegalStateException.class, bp::frame);
            assertThrows(IllegalArgumentException.class, () -> bp.await(0, WAIT));
            assertThrows(IllegalArgumentException.class, () -> bp.await(1, Duration.ofSeconds(-1)));
        }
    }

    @Test
    void badCondition_failsNamingTheColumn_andLeavesNoProbeAttached() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Breakpoint.builder(probes, DEPOSIT).condition("args[1] >").build());

        assertTrue(e.getMessage().contains("column"), e.getMessage());
        assertTrue(probes.probe(DEPOSIT).isEmpty(), "the probe attached for it is detached again");
    }
}
