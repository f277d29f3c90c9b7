package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whenever a handle's probe has no active instrument, for any reason (stopped, the last
 * instrument's lifespan over with no further call, the last instrument failed), its call site
 * points at the original handle again: what makes such a probe cost about nothing. Through a real
 * pipeline; the call site is read through the registry.
 */
@Timeout(60)
class HandleCallSiteTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MethodHandle TWICE;

    static {
        try {
            TWICE = MethodHandles.lookup().findStatic(HandleCallSiteTest.class, "twice",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int twice(int x) {
        return 2 * x;
    }

    private final Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none")
            .healthInterval(Duration.ZERO).build();
    private final ProbeRegistry registry = (ProbeRegistry) telltale.probes();

    @AfterEach
    void close() {
        telltale.close();
    }

    @Test
    void stop_pointsTheCallSiteAtTheOriginal_startAtTheCombinatorAgain() throws Throwable {
        MethodHandle h = registry.handle("twice", TWICE);
        Probe probe = registry.attach(Target.handle("twice")).add(InstrumentSpec.counter("calls").build());
        HandleSite site = registry.handleSite("twice");
        assertNotSame(TWICE, site.current());

        probe.stop();
        assertSame(TWICE, site.current(), "stopped: the original");
        assertEquals(6, (int) h.invokeExact(3));

        probe.start();
        assertNotSame(TWICE, site.current());
        assertEquals(8, (int) h.invokeExact(4));
        assertEquals(1L, probe.instruments().get(0).hits(), "only the call while running was counted");
    }

    @Test
    void lastLifespanOver_withoutFurtherCalls_pointsTheCallSiteAtTheOriginal() throws Throwable {
        MethodHandle h = registry.handle("twice", TWICE);
        Probe probe = registry.attach(Target.handle("twice"))
                .add(InstrumentSpec.timer("brief").lifespan(Duration.ofMillis(50)).build());
        HandleSite site = registry.handleSite("twice");
        assertEquals(2, (int) h.invokeExact(1));

        Await.until(() -> !probe.attached(), WAIT, () -> "the probe detached after its last lifespan: " + probe);

        assertSame(TWICE, site.current());
        assertEquals(InstrumentStatus.State.EXPIRED, probe.instruments().get(0).state());
    }

    @Test
    void lastInstrumentFailed_pointsTheCallSiteAtTheOriginal() throws Throwable {
        MethodHandle h = registry.handle("twice", TWICE);
        Probe probe = registry.attach(Target.handle("twice")).add(InstrumentSpec.builder("custom", "boom").build(), hit -> {
            throw new IllegalStateException("boom");
        });
        HandleSite site = registry.handleSite("twice");

        assertEquals(10, (int) h.invokeExact(5), "the target's result, whatever the instrument did");

        Await.until(() -> !probe.attached(), WAIT, () -> "the probe detached after its last instrument failed: " + probe);
        assertSame(TWICE, site.current());
        assertEquals(InstrumentStatus.State.FAILED, probe.instruments().get(0).state());
        assertEquals(12, (int) h.invokeExact(6));
    }
}
