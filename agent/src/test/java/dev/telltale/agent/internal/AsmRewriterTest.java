package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.agent.bridge.Dispatch;
import dev.telltale.agent.bridge.Hooks;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ASM rewriter on a small class defined in a fresh loader: what the hooks see on entry,
 * return and exception, lean and full, in methods and a constructor. (The contract tests shared
 * with the classfile rewriter are the {@code Rewriter*Test}s.)
 */
class AsmRewriterTest {

    /** A sample whose methods get rewritten. */
    public static class Sample extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
        public final int size0;

        public Sample(int n) {
            super(n > 0 ? new ArrayList<String>() : List.of());
            size0 = n;
        }

        public static long twice(long x, boolean fail) {
            if (fail) {
                throw new IllegalStateException("asked to fail");
            }
            return x * 2;
        }

        public double half(int x) {
            try {
                return x / 2.0;
            } catch (RuntimeException e) {
                return -1;
            }
        }

        public void nothing() {
        }
    }

    static final List<String> SEEN = new ArrayList<>();

    static final class Recording extends Dispatch {
        @Override
        public long enter(int site, Object self, Object[] args) {
            SEEN.add("enter " + site + " " + (self == null ? "static" : "self") + " " + Arrays.toString(args));
            return 42L;
        }

        @Override
        public long enterLean(int site) {
            SEEN.add("enterLean " + site);
            return 7L;
        }

        @Override
        public void exit(int site, long start, Object self, Object[] args, Object result) {
            SEEN.add("exit " + site + " " + start + " " + result + (result == null ? "" : ":" + result.getClass().getSimpleName()));
        }

        @Override
        public void exitLean(int site, long start) {
            SEEN.add("exitLean " + site + " " + start);
        }

        @Override
        public void fail(int site, long start, Object self, Object[] args, Throwable error) {
            SEEN.add("fail " + site + " " + start + " " + error.getMessage());
        }

        @Override
        public void failLean(int site, long start, Throwable error) {
            SEEN.add("failLean " + site + " " + start + " " + error.getMessage());
        }
    }

    @AfterEach
    void clear() {
        Hooks.install(null);
        SEEN.clear();
    }

    private static byte[] bytesOf(Class<?> c) throws Exception {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Class<?> define(byte[] bytes) {
        return new ClassLoader(AsmRewriterTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(null, bytes, 0, bytes.length);
            }
        }.define();
    }

    @Test
    void rewrite_fullHooks_seeArgumentsResultsAndExceptions() throws Exception {
        byte[] out = new AsmRewriter().rewrite(bytesOf(Sample.class), Sample.class.getClassLoader(),
                (name, desc, access) -> switch (name) {
                    case "twice" -> new MethodHook(1, true);
                    case "half" -> new MethodHook(300, true);
                    case "<init>" -> new MethodHook(70000, true);
                    case "nothing" -> new MethodHook(4, true);
                    default -> null;
                });
        Class<?> c = define(out);
        Hooks.install(new Recording());
        Constructor<?> ctor = c.getConstructor(int.class);
        Object o = ctor.newInstance(3);
        assertEquals(3, c.getField("size0").get(o));
        assertEquals(10L, c.getMethod("twice", long.class, boolean.class).invoke(null, 5L, false));
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> c.getMethod("twice", long.class, boolean.class).invoke(null, 5L, true));
        assertEquals("asked to fail", e.getCause().getMessage());
        assertEquals(1.5, c.getMethod("half", int.class).invoke(o, 3));
        c.getMethod("nothing").invoke(o);
        assertEquals(List.of(
                "enter 70000 self [3]", "exit 70000 42 null",
                "enter 1 static [5, false]", "exit 1 42 10:Long",
                "enter 1 static [5, true]", "fail 1 42 asked to fail",
                "enter 300 self [3]", "exit 300 42 1.5:Double",
                "enter 4 self []", "exit 4 42 null"), SEEN);
    }

    @Test
    void rewrite_leanHooks_captureNothing() throws Exception {
        byte[] out = new AsmRewriter().rewrite(bytesOf(Sample.class), Sample.class.getClassLoader(),
                (name, desc, access) -> name.equals("twice") ? new MethodHook(9, false) : null);
        Class<?> c = define(out);
        Hooks.install(new Recording());
        Method twice = c.getMethod("twice", long.class, boolean.class);
        assertEquals(4L, twice.invoke(null, 2L, false));
        assertThrows(InvocationTargetException.class, () -> twice.invoke(null, 2L, true));
        assertEquals(List.of("enterLean 9", "exitLean 9 7", "enterLean 9", "failLean 9 7 asked to fail"), SEEN);
    }

    @Test
    void rewrite_noHooksInstalled_methodsBehaveAsBefore() throws Exception {
        byte[] out = new AsmRewriter().rewrite(bytesOf(Sample.class), Sample.class.getClassLoader(),
                (name, desc, access) -> new MethodHook(1, true));
        Class<?> c = define(out);
        assertEquals(6L, c.getMethod("twice", long.class, boolean.class).invoke(null, 3L, false));
        assertTrue(SEEN.isEmpty());
    }

    @Test
    void rewrite_planChoosesNothing_returnsNull() throws Exception {
        assertNull(new AsmRewriter().rewrite(bytesOf(Sample.class), null, (name, desc, access) -> null));
    }

    @Test
    void rewrite_abstractMethod_isRefusedNamingIt() throws Exception {
        byte[] bytes = bytesOf(java.util.AbstractList.class);
        RewriteException e = assertThrows(RewriteException.class, () -> new AsmRewriter().rewrite(bytes, null,
                (name, desc, access) -> name.equals("get") ? new MethodHook(1, false) : null));
        assertTrue(e.getMessage().contains("java.util.AbstractList#get(I)Ljava/lang/Object; is abstract"), e.getMessage());
    }

    @Test
    void rewrite_sameInputTwice_givesSameBytes() throws Exception {
        Rewriter.Plan plan = (name, desc, access) -> new MethodHook(5, false);
        byte[] in = bytesOf(Sample.class);
        assertArrayEquals(new AsmRewriter().rewrite(in, null, plan), new AsmRewriter().rewrite(in, null, plan));
    }
}
