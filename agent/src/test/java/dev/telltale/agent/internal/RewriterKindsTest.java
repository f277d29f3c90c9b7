package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.internal.sample.Greeter;
import dev.telltale.agent.internal.sample.Registry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/** The contract, on kinds of methods beyond plain class methods: interface code and static initializers (refused). */
class RewriterKindsTest extends RewriterContract {

    @ForEachRewriter
    void interfaceDefaultAndStaticMethods_areHooked(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Greeter.class,
                (name, descriptor, access) -> name.equals("greet") || name.equals("of") ? new MethodHook(60, true) : null);
        Object greeter = invoke(c.getMethod("of", String.class), null, "Ada");
        assertEquals("Hello, Ada", invoke(c.getMethod("greet", String.class), greeter, "Hello"));
        assertEquals(List.of("enter 60", "exit 60", "enter 60", "exit 60"), calls.briefs());
        assertNull(calls.calls().get(0).self(), "of is static");
        assertSame(greeter, calls.calls().get(1).value());
        assertSame(greeter, calls.calls().get(2).self(), "greet's receiver is the implementation");
        assertEquals("Hello, Ada", calls.calls().get(3).value());
    }

    @ForEachRewriter
    void defaultMethod_ofAProxy_isHookedToo(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Greeter.class, only("greet", 61, false));
        Object proxy = Proxy.newProxyInstance(c.getClassLoader(), new Class<?>[] {c},
                (self, method, args) -> method.getName().equals("name") ? "proxy"
                        : java.lang.reflect.InvocationHandler.invokeDefault(self, method, args));
        Method greet = c.getMethod("greet", String.class);
        assertEquals("Hi, proxy", invoke(greet, proxy, "Hi"));
        assertEquals(List.of("enterLean 61", "exitLean 61"), calls.briefs());
    }

    @ForEachRewriter
    void staticInitializerChosen_isRefusedNamingClassAndInitializer(Subject rewriter) {
        // retransformation happens after <clinit> ran, and it never runs again: both rewriters refuse it
        Rewriter r = rewriter.get();
        RewriteException e = assertThrows(RewriteException.class, () -> r.rewrite(
                bytesOf(Registry.class), Registry.class.getClassLoader(), only("<clinit>", 62, true)));
        assertTrue(e.getMessage().contains(Registry.class.getName() + "#<clinit>"), e.getMessage());
    }

    @ForEachRewriter
    void classWithAStaticInitializer_otherMethodsHooked_initializerUntouched(Subject rewriter) throws Throwable {
        Class<?> c = rewritten(rewriter.get(), Registry.class, only("size", 63, true));
        assertEquals(1, invoke(c.getMethod("size"), null));
        assertEquals(List.of("enter 63", "exit 63"), calls.briefs());
        assertEquals(1, calls.calls().get(1).value());
    }
}
