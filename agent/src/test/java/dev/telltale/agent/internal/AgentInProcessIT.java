package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import com.example.shop.Orders;
import dev.telltale.core.internal.probe.Weaving;
import dev.telltale.probe.Breakpoint;
import dev.telltale.probe.Hit;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The agent in this JVM (failsafe starts it with {@code -javaagent:telltale-agent.jar}): probes on
 * named methods through {@link Probes}, the bytes a class has before, during and after a probe,
 * classes loaded later, refusals, rewrite failures, breakpoints.
 */
class AgentInProcessIT {

    private static Telltale telltale;
    private static Probes probes;
    private Probe probe;

    @BeforeAll
    static void start() {
        telltale = Telltale.builder().backend("none").set("telltale.probe.report-interval", "1h").shutdownHook(false).build();
        probes = Probes.of(telltale);
    }

    @AfterAll
    static void stop() {
        telltale.close();
    }

    @AfterEach
    void detach() {
        probes.detachAll();
    }

    private static Instrumentation inst() {
        Instrumentation inst = AgentRuntime.instrumentation();
        assertNotNull(inst, "the agent did not start in this JVM (failsafe's argLine gives -javaagent)");
        return inst;
    }

    private static long hits(Probe p, String name) {
        return p.instruments().stream().filter(s -> s.spec().name().equals(name)).mapToLong(InstrumentStatus::hits).sum();
    }

    /** Records the bytes of one class as the transformers before it left them, at each retransformation. */
    private static final class Capture implements ClassFileTransformer {
        final String internalName;
        final List<byte[]> seen = new CopyOnWriteArrayList<>();

        Capture(Class<?> c) {
            this(c.getName().replace('.', '/'));
        }

        Capture(String internalName) {
            this.internalName = internalName;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] classfile) {
            if (internalName.equals(className)) {
                seen.add(classfile.clone());
            }
            return null;
        }

        byte[] last() {
            return seen.get(seen.size() - 1);
        }
    }

    @Test
    void agent_onThisJdk_rewritesWithJavaLangClassfileFrom24AndAsmBefore() {
        inst();
        String expected = Runtime.version().feature() >= 24 ? "agent (classfile)" : "agent (asm)";
        assertEquals(expected, Weaving.weaver().name());
    }

    @Test
    void attach_loadedClass_countsEveryCallerAndDetachGivesBackTheOriginalBytes() throws Exception {
        Instrumentation inst = inst();
        Capture capture = new Capture(Orders.class);
        inst.addTransformer(capture, true); // after the agent's: sees what it made
        try {
            Orders orders = new Orders("a");
            inst.retransformClasses(Orders.class);
            byte[] before = capture.last();

            probe = probes.attach("com.example.shop.Orders#checkout(Ljava/lang/String;I)I");
            assertEquals("attached to 1 method, unchanged until an instrument is armed", Weaving.status(probe));
            probe.add(InstrumentSpec.counter("calls").build());
            assertEquals("rewritten: 1 method", Weaving.status(probe));
            byte[] during = capture.last();
            assertFalse(java.util.Arrays.equals(before, during), "the class was not rewritten");

            orders.checkout("x", 1);
            Orders.class.getMethod("checkout", String.class, int.class).invoke(orders, "y", 2);
            ToIntBiFunction<Orders, String> ref = Orders::checkout; // the one-argument overload calls it too
            ref.applyAsInt(orders, "z");
            Thread t = new Thread(() -> orders.checkout("w", 3));
            t.start();
            t.join(10_000);
            assertEquals(4, hits(probe, "calls"));

            probe.detach();
            assertArrayEquals(before, capture.last(), "after detach the class has its original bytes");
            int n = capture.seen.size();
            orders.checkout("after", 1);
            assertEquals(n, capture.seen.size());
        } finally {
            inst.removeTransformer(capture);
        }
    }

    @Test
    void dormant_aClassLoadingWithNoProbeOnIt_isLeftExactlyAsItIs() throws Exception {
        Instrumentation inst = inst();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/example/shop/Fresh", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "one", "()I", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] original = cw.toByteArray();
        Capture capture = new Capture("com/example/shop/Fresh");
        inst.addTransformer(capture, true); // after the agent's: sees what it passed on
        try {
            new ClassLoader(null) {
                Class<?> define() {
                    return defineClass("com.example.shop.Fresh", original, 0, original.length);
                }
            }.define();
            assertArrayEquals(original, capture.last(), "the agent changed a class no probe names");
        } finally {
            inst.removeTransformer(capture);
        }
    }

    @Test
    void lifespanEnd_detachesAndGivesBackTheOriginalBytes() throws Exception {
        Instrumentation inst = inst();
        Capture capture = new Capture(Orders.class);
        inst.addTransformer(capture, true);
        try {
            inst.retransformClasses(Orders.class);
            byte[] before = capture.last();
            probe = probes.attach("com.example.shop.Orders#shop");
            probe.add(InstrumentSpec.counter("brief").lifespan(java.time.Duration.ofMillis(200)).build());
            assertFalse(java.util.Arrays.equals(before, capture.last()), "the class was not rewritten");
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (probe.attached() && System.nanoTime() < end) {
                Thread.sleep(5); // polling until the probes' timer ends the lifespan; bounded by the deadline
            }
            assertFalse(probe.attached(), "the lifespan did not end within 10 s");
            assertArrayEquals(before, capture.last(), "after the lifespan the class has its original bytes");
        } finally {
            inst.removeTransformer(capture);
        }
    }

    @Test
    void add_instrumentReadingTheCall_switchesToFullHooksAndSeesArgumentsResultAndExceptions() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        probe = probes.attach(Target.parse("com.example.shop.Orders#refund"));
        probe.add(InstrumentSpec.counter("lean").build());
        probe.add(InstrumentSpec.builder("seen", "ret").event(ProbeEvent.RETURN).build(),
                hit -> seen.add("return " + hit.arg(0) + " -> " + hit.result()));
        probe.add(InstrumentSpec.builder("seen", "exc").event(ProbeEvent.EXCEPTION).build(),
                hit -> seen.add("exception " + hit.arg(0) + " " + hit.exception().getMessage()));
        assertEquals(7L, Orders.refund(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Orders.refund(-1));
        assertEquals("negative refund -1", e.getMessage());
        assertEquals(List.of("return 7 -> 7", "exception -1 negative refund -1"), seen);
        assertEquals(2, hits(probe, "lean"));
    }

    @Test
    void attach_constructor_isProbedAfterSuper() throws Exception {
        List<Object> selves = Collections.synchronizedList(new ArrayList<>());
        probe = probes.attach("com.example.shop.Orders#<init>");
        probe.add(InstrumentSpec.builder("seen", "made").event(ProbeEvent.RETURN).build(), (Hit hit) -> selves.add(hit.self()));
        Orders made = new Orders("ctor");
        assertEquals(List.of(made), selves);
        assertEquals("ctor", made.shop());
    }

    @Test
    void attach_classNotLoadedYet_waitsAndRewritesItWhenItLoads() throws Exception {
        probe = probes.attach("com.example.shop.Later#compute");
        assertEquals("waiting for class com.example.shop.Later to load", Weaving.status(probe));
        probe.add(InstrumentSpec.counter("calls").build());
        Class<?> later = Class.forName("com.example.shop.Later");
        assertEquals(42, later.getMethod("compute", int.class).invoke(null, 41));
        assertEquals(1, hits(probe, "calls"));
        assertEquals("rewritten: 1 method", Weaving.status(probe));
    }

    @Test
    void attach_refusedTargets_sayWhy() throws Exception {
        Class.forName("com.example.shop.Pricing"); // loaded: its abstract method is known
        String jdk = assertThrows(IllegalArgumentException.class, () -> probes.attach("java.lang.String#length")).getMessage();
        assertTrue(jdk.contains("java.* classes"), jdk);
        String self = assertThrows(IllegalArgumentException.class, () -> probes.attach("dev.telltale.probe.Target#parse")).getMessage();
        assertTrue(self.contains("Telltale does not probe itself"), self);
        String abs = assertThrows(IllegalArgumentException.class, () -> probes.attach("com.example.shop.Pricing#price"))
                .getMessage();
        assertTrue(abs.contains("price(Ljava/lang/String;)J is abstract"), abs);
        String unknown = assertThrows(IllegalArgumentException.class, () -> probes.attach("com.example.shop.Orders#chekout"))
                .getMessage();
        assertTrue(unknown.contains("declares no method chekout; its methods: <init>, checkout, refund, shop"), unknown);
        String inherited = assertThrows(IllegalArgumentException.class, () -> probes.attach("com.example.shop.Orders#hashCode"))
                .getMessage();
        assertTrue(inherited.contains("inherited from java.lang.Object"), inherited);
        assertTrue(probes.list().isEmpty());
    }

    @Test
    void rewriteFailure_isAProbeErrorAndTheStatus_andTheClassKeepsWorking() throws Exception {
        Class<?> big = defineHugeMethodClass();
        probe = probes.attach(Target.method(big, "big"));
        probe.add(InstrumentSpec.counter("calls").build());
        String status = Weaving.status(probe);
        assertTrue(status.startsWith("error: "), status);
        assertEquals(21_843, big.getMethod("big", int.class).invoke(null, 0));
        assertEquals(0, hits(probe, "calls"));
    }

    @Test
    void breakpoint_failForm_throwsIntoANamedMethod() {
        Orders orders = new Orders("bp");
        try (Breakpoint bp = Breakpoint.builder(probes, Target.parse("com.example.shop.Orders#shop"))
                .fail(() -> new IllegalStateException("from the breakpoint")).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, orders::shop);
            assertEquals("from the breakpoint", e.getMessage());
            assertEquals(1, bp.hits());
        }
        assertEquals("bp", orders.shop());
    }

    @Test
    void breakpoint_pausesANamedMethodOnAnotherThread_untilReleased_seeingItsArguments() {
        Orders orders = new Orders("bp");
        java.util.concurrent.atomic.AtomicInteger result = new java.util.concurrent.atomic.AtomicInteger(-1);
        try (Breakpoint bp = Breakpoint.on(probes, Target.parse("com.example.shop.Orders#checkout(Ljava/lang/String;I)I"),
                dev.telltale.probe.ProbeEvent.CALL)) {
            bp.startThread(() -> result.set(orders.checkout("tea", 3)));
            bp.await(1, java.time.Duration.ofSeconds(30)); // the call is inside the method, paused
            assertEquals(1, bp.paused());
            assertEquals(List.of("tea", 3), bp.frame().args());
            assertSame(orders, bp.frame().self());
            assertEquals(-1, result.get(), "the call returned while paused");
            bp.release();
        } // joins the thread
        assertEquals(orders.checkout("tea", 3), result.get());
    }

    /** A class with one method of 65,530 bytes of code: the hooks cannot fit in it. */
    private static Class<?> defineHugeMethodClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/example/shop/Huge", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "big", "(I)I", null, null);
        mv.visitCode();
        for (int i = 0; i < 21_843; i++) {
            mv.visitIincInsn(0, 1);
        }
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        return new ClassLoader(AgentInProcessIT.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("com.example.shop.Huge", bytes, 0, bytes.length);
            }
        }.define();
    }
}
