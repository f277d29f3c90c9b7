package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.agent.internal.RecordingDispatch.Call;
import dev.telltale.agent.internal.sample.Counted;
import dev.telltale.agent.internal.sample.Named;
import dev.telltale.agent.internal.sample.Reversed;
import java.util.List;
import java.util.Map;

/**
 * The contract, on constructors: hooked right after their {@code super(...)} or {@code this(...)}
 * call, so the receiver the hooks see is initialized by then, through this/super chains.
 */
class RewriterConstructorTest extends RewriterContract {

    private static final Rewriter.Plan CONSTRUCTORS = only("<init>", 20, true);

    @ForEachRewriter
    void constructor_enterRunsAfterSuper_andSeesTheInitializedReceiver(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Counted.class, CONSTRUCTORS);
        Object counted = c.getConstructor(int.class).newInstance(3);
        assertEquals(List.of("enter 20", "exit 20"), calls.briefs());
        Call enter = calls.calls().get(0);
        assertSame(counted, enter.self());
        assertEquals("counted3", enter.selfText(), "super(...) already ran when the enter hook did");
        assertEquals(List.of(3), enter.args());
        assertEquals(null, calls.calls().get(1).value());
        assertEquals(3, c.getField("n").get(counted));
    }

    @ForEachRewriter
    void thisChain_eachConstructorHookedAfterItsOwnCall_innerFirst(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Counted.class,
                (name, descriptor, access) -> name.equals("<init>")
                        ? new MethodHook(descriptor.equals("()V") ? 21 : 22, true) : null);
        c.getConstructor().newInstance();
        assertEquals(List.of("enter 22", "exit 22", "enter 21", "exit 21"), calls.briefs(),
                "Counted() calls this(7) first, so Counted(int) runs whole before Counted()'s enter");
        assertEquals(List.of(7), calls.calls().get(0).args());
        assertEquals(List.of(), calls.calls().get(2).args());
    }

    @ForEachRewriter
    void superChain_baseAndSubclassBothRewritten_baseFirst(Subject rewriter) throws Throwable {
        Rewriter r = rewriter.get();
        Rewriter.Plan base = (name, descriptor, access) -> name.equals("<init>") ? new MethodHook(23, true) : null;
        byte[] named = r.rewrite(bytesOf(Named.class), Named.class.getClassLoader(), base);
        byte[] counted = r.rewrite(bytesOf(Counted.class), Counted.class.getClassLoader(), CONSTRUCTORS);
        Class<?> c = new SampleLoader(Map.of(Named.class.getName(), named, Counted.class.getName(), counted))
                .loadClass(Counted.class.getName());
        Object o = c.getConstructor(int.class).newInstance(4);
        assertEquals(List.of("enter 23", "exit 23", "enter 20", "exit 20"), calls.briefs());
        assertSame(o, calls.calls().get(0).self());
        assertEquals(List.of("counted4"), calls.calls().get(0).args());
    }

    @ForEachRewriter
    void objectCreatedBeforeSuper_isNotMistakenForTheSuperCall(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Reversed.class, CONSTRUCTORS);
        Object reversed = c.getConstructor(String.class).newInstance("abc");
        assertEquals("cba", reversed.toString());
        assertEquals(List.of("enter 20", "exit 20"), calls.briefs());
        assertEquals("cba", calls.calls().get(0).selfText());
    }

    @ForEachRewriter
    void constructorThrowsAfterSuper_failGetsIt(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Counted.class, CONSTRUCTORS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> invoke(c.getConstructor(int.class), -1));
        assertEquals(List.of("enter 20", "fail 20"), calls.briefs());
        assertSame(e, calls.calls().get(1).value());
    }

    @ForEachRewriter
    void leanConstructorHook_capturesNothing(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Counted.class, only("<init>", 24, false));
        c.getConstructor(int.class).newInstance(1);
        assertEquals(List.of("enterLean 24", "exitLean 24"), calls.briefs());
    }

    private static Object invoke(java.lang.reflect.Constructor<?> constructor, Object... args) throws Throwable {
        try {
            return constructor.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
