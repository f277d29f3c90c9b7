package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.telltale.agent.internal.RecordingDispatch.Call;
import dev.telltale.agent.internal.sample.Calc;
import java.util.Arrays;
import java.util.List;

/**
 * The contract, on what the hooks see: entry and exit in order, the receiver, the arguments boxed
 * and the result boxed, for static and instance methods and every parameter and result type.
 */
class RewriterValuesTest extends RewriterContract {

    /** Calls {@code name} on a rewritten Calc (instance 5 unless static) and checks the full hooks' view. */
    private void assertFullHooks(Subject subject, String name, Object[] args, Object expected) throws Throwable {
        Class<?> c = rewritten(subject.get(), Calc.class, only(name, 31, true));
        Object target = java.lang.reflect.Modifier.isStatic(method(c, name).getModifiers())
                ? null
                : c.getConstructor(int.class).newInstance(5);
        Object result = call(c, target, name, args);
        assertValueEquals(expected, result);

        List<Call> seen = calls.calls();
        assertEquals(List.of("enter 31", "exit 31"), calls.briefs());
        Call enter = seen.get(0);
        Call exit = seen.get(1);
        assertSame(target, enter.self(), "enter's self");
        assertSame(target, exit.self(), "exit's self");
        assertArgumentsEqual(args, enter.args());
        assertArgumentsEqual(args, exit.args());
        assertValueEquals(expected, exit.value());
        assertEquals(enter.start(), exit.start(), "exit gets the start enter returned");
    }

    private static java.lang.reflect.Method method(Class<?> c, String name) {
        return Arrays.stream(c.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Equality that looks into arrays, so int[] and String[][] compare by content; and the same boxed type. */
    private static void assertValueEquals(Object expected, Object actual) {
        assertEquals(Arrays.deepToString(new Object[] {expected}), Arrays.deepToString(new Object[] {actual}));
        if (expected != null) {
            assertEquals(expected.getClass(), actual.getClass(), "boxed type");
        }
    }

    private static void assertArgumentsEqual(Object[] expected, List<Object> actual) {
        assertEquals(expected.length, actual.size(), "argument count");
        for (int i = 0; i < expected.length; i++) {
            assertValueEquals(expected[i], actual.get(i));
        }
    }

    @ForEachRewriter
    void staticIntMethod_enterAndExit_seeNullSelfArgumentsAndResult(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "add", new Object[] {2, 3}, 5);
    }

    @ForEachRewriter
    void instanceMethod_enterAndExit_seeTheReceiver(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "plusBase", new Object[] {4}, 9);
    }

    @ForEachRewriter
    void voidMethod_exit_getsNullResult(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "nothing", new Object[0], null);
    }

    @ForEachRewriter
    void booleanByteCharShortFloat_boxedAsTheirOwnTypes(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "not", new Object[] {true}, false);
        calls.clear();
        assertFullHooks(rewriter, "nextByte", new Object[] {(byte) 41}, (byte) 42);
        calls.clear();
        assertFullHooks(rewriter, "upper", new Object[] {'q'}, 'Q');
        calls.clear();
        assertFullHooks(rewriter, "negate", new Object[] {(short) 300}, (short) -300);
        calls.clear();
        assertFullHooks(rewriter, "half", new Object[] {3f}, 1.5f);
    }

    @ForEachRewriter
    void longAndDoubleSlots_argumentsAfterThemReadRight(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "mix", new Object[] {1L << 40, 2.9d, 3, 4.5f}, (1L << 40) + 2 + 3 + 4 + 5);
        calls.clear();
        assertFullHooks(rewriter, "scale", new Object[] {1.5d, 4L}, 6.0d);
    }

    @ForEachRewriter
    void arraysAndObjects_passedAsThemselves(Subject rewriter) throws Throwable {
        assertFullHooks(rewriter, "reversed", new Object[] {new int[] {1, 2, 3}}, new int[] {3, 2, 1});
        calls.clear();
        assertFullHooks(rewriter, "grid", new Object[] {"a", 2}, new String[][] {{"a", "a"}, {"a", "a"}});
        calls.clear();
        assertFullHooks(rewriter, "echo", new Object[] {"same"}, "same");
        calls.clear();
        assertFullHooks(rewriter, "echo", new Object[] {null}, null);
    }

    @ForEachRewriter
    void arrayArgument_isTheCallersArray(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Calc.class, only("reversed", 2, true));
        int[] in = {7, 8};
        int[] out = (int[]) call(c, null, "reversed", (Object) in);
        assertArrayEquals(new int[] {8, 7}, out);
        assertSame(in, calls.calls().get(0).args().get(0));
        assertSame(out, calls.calls().get(1).value());
    }

    @ForEachRewriter
    void leanHooks_captureNothing_andPassTheStart(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Calc.class, only("mix", 8, false));
        Object calc = c.getConstructor(int.class).newInstance(1);
        assertEquals(11L, call(c, calc, "mix", 2L, 3d, 4, 1f));
        assertEquals(List.of("enterLean 8", "exitLean 8"), calls.briefs());
        Call enter = calls.calls().get(0);
        Call exit = calls.calls().get(1);
        assertNull(enter.args());
        assertNull(exit.self());
        assertEquals(enter.start(), exit.start());
    }

    @ForEachRewriter
    void noDispatchInstalled_rewrittenMethodsBehaveAsBefore(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Calc.class, (name, descriptor, access) -> new MethodHook(1, true));
        dev.telltale.agent.bridge.Hooks.install(null);
        Object calc = c.getConstructor(int.class).newInstance(10);
        assertEquals(13, call(c, calc, "plusBase", 3));
        assertEquals(7, call(c, null, "add", 3, 4));
        assertEquals(List.of(), calls.briefs());
    }
}
