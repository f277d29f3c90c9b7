package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.internal.RecordingDispatch.Call;
import dev.telltale.agent.internal.sample.Flow;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The contract, on control flow: every return point, exceptional exits, handlers inside the
 * body, recursion, overloads, monitors, and hooks that throw.
 */
class RewriterFlowTest extends RewriterContract {

    @ForEachRewriter
    void severalReturnPoints_eachCallsExitOnceWithItsResult(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("sign", 3, true));
        assertEquals(-1, call(c, null, "sign", -5));
        assertEquals(0, call(c, null, "sign", 0));
        assertEquals(1, call(c, null, "sign", 9));
        assertEquals(List.of("enter 3", "exit 3", "enter 3", "exit 3", "enter 3", "exit 3"), calls.briefs());
        assertEquals(List.of(-1, 0, 1), calls.calls().stream()
                .filter(call -> call.hook().equals("exit")).map(Call::value).toList());
    }

    @ForEachRewriter
    void exceptionExit_failGetsTheSameThrowable_andTheCallerStillSeesIt(Subject rewriter) throws Throwable {
        for (boolean full : new boolean[] {true, false}) {
            calls.clear();
            Class<?> c = rewritten(rewriter.get(), Flow.class, only("failIfNegative", 4, full));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> call(c, null, "failIfNegative", -2));
            assertEquals("negative: -2", e.getMessage());
            List<Call> seen = calls.calls();
            assertEquals(full ? List.of("enter 4", "fail 4") : List.of("enterLean 4", "failLean 4"), calls.briefs());
            assertSame(e, seen.get(1).value(), "the fail hook gets the thrown object itself");
            assertEquals(seen.get(0).start(), seen.get(1).start());
            if (full) {
                assertEquals(List.of(-2), seen.get(1).args());
            }
        }
    }

    @ForEachRewriter
    void tryCatchInsideTheBody_thatSwallows_isANormalExit(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("parseOr", 5, true));
        assertEquals(-9, call(c, null, "parseOr", "not a number", -9));
        assertEquals(12, call(c, null, "parseOr", "12", -9));
        assertEquals(List.of("enter 5", "exit 5", "enter 5", "exit 5"), calls.briefs());
        assertEquals(-9, calls.calls().get(1).value());
    }

    @ForEachRewriter
    void recursiveMethod_eachLevelGetsItsOwnStart(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("factorial", 6, true));
        assertEquals(6L, call(c, null, "factorial", 3));
        List<Call> seen = calls.calls();
        assertEquals(List.of("enter 6", "enter 6", "enter 6", "exit 6", "exit 6", "exit 6"), calls.briefs());
        assertEquals(List.of(List.of(3), List.of(2), List.of(1)),
                seen.subList(0, 3).stream().map(Call::args).toList());
        assertEquals(List.of(1L, 2L, 6L), seen.subList(3, 6).stream().map(Call::value).toList());
        assertEquals(List.of(seen.get(2).start(), seen.get(1).start(), seen.get(0).start()),
                seen.subList(3, 6).stream().map(Call::start).toList(), "innermost exits first with its own start");
    }

    @ForEachRewriter
    void overloads_onlyTheChosenDescriptorIsHooked(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, (name, descriptor, access) ->
                name.equals("over") && descriptor.equals("(Ljava/lang/String;)Ljava/lang/String;")
                        ? new MethodHook(7, true) : null);
        assertEquals("int 1", invoke(c.getMethod("over", int.class), null, 1));
        assertEquals("two 12", invoke(c.getMethod("over", int.class, int.class), null, 1, 2));
        assertEquals(List.of(), calls.briefs());
        assertEquals("string s", invoke(c.getMethod("over", String.class), null, "s"));
        assertEquals(List.of("enter 7", "exit 7"), calls.briefs());
    }

    @ForEachRewriter
    void synchronizedMethods_hooksRunInsideTheMonitor_andItIsReleasedOnEveryExit(Subject rewriter)
            throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, (name, descriptor, access) ->
                name.startsWith("increment") ? new MethodHook(8, true) : null);
        Object flow = c.getConstructor().newInstance();
        assertEquals(1, call(c, flow, "increment"));
        assertThrows(IllegalStateException.class, () -> call(c, flow, "incrementOrFail", true));
        assertEquals(3, call(c, flow, "incrementInBlock"));
        assertEquals(List.of("enter 8", "exit 8", "enter 8", "fail 8", "enter 8", "exit 8"), calls.briefs());
        List<Boolean> locked = calls.calls().stream().map(Call::selfLocked).toList();
        assertEquals(List.of(true, true, true, true, false, false), locked,
                "a synchronized method holds its monitor around the hooks; a synchronized block does not");
        assertFalse(Thread.holdsLock(flow));
    }

    @ForEachRewriter
    void exitHookThrows_theCallerGetsIt_andFailIsNotCalled(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("sign", 9, true));
        IllegalStateException fromHook = new IllegalStateException("breakpoint");
        calls.throwOnce("exit", fromHook);
        // sign(-5) takes the first of three returns: the exit hook there sits between covered code
        Throwable seen = assertThrows(IllegalStateException.class, () -> call(c, null, "sign", -5));
        assertSame(fromHook, seen);
        assertEquals(List.of("enter 9", "exit 9"), calls.briefs());
        assertEquals(-1, call(c, null, "sign", -5), "the method works again once the hook stops throwing");
    }

    @ForEachRewriter
    void enterHookThrows_theCallerGetsIt_andFailIsNotCalled(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("sign", 10, false));
        IllegalStateException fromHook = new IllegalStateException("breakpoint");
        calls.throwOnce("enterLean", fromHook);
        assertSame(fromHook, assertThrows(IllegalStateException.class, () -> call(c, null, "sign", 4)));
        assertEquals(List.of("enterLean 10"), calls.briefs());
    }

    @ForEachRewriter
    void failHookThrows_theCallerGetsTheHooksThrowable_once(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("failIfNegative", 13, false));
        IllegalStateException fromHook = new IllegalStateException("breakpoint");
        calls.throwOnce("failLean", fromHook);
        assertSame(fromHook, assertThrows(IllegalStateException.class, () -> call(c, null, "failIfNegative", -1)));
        assertEquals(List.of("enterLean 13", "failLean 13"), calls.briefs(), "the handler does not cover itself");
    }

    @ForEachRewriter
    void loopAtTheFirstInstruction_entersOnceNotPerIteration(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, only("loop", 11, false));
        assertEquals("xxxx", call(c, null, "loop", 4));
        assertEquals(List.of("enterLean 11", "exitLean 11"), calls.briefs());
    }

    @ForEachRewriter
    void everyMethodOfAClass_rewrittenAtOnce_allStillWork(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Flow.class, (name, descriptor, access) -> new MethodHook(12, true));
        Object flow = c.getConstructor().newInstance();
        assertEquals(24L, call(c, null, "factorial", 4));
        assertEquals(1, call(c, flow, "increment"));
        Method boom = c.getMethod("boom", int.class);
        assertThrows(IllegalStateException.class, () -> invoke(boom, null, 2));
        assertTrue(calls.briefs().contains("fail 12"));
    }
}
