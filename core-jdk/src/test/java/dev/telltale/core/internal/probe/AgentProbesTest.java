package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import com.example.agentsample.Base;
import com.example.agentsample.Shop;
import dev.telltale.Event;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Probes on named methods of classes, against a fake {@link Weaver} that plays the agent: which
 * hooks each method gets as instruments come and go (the class is rewritten on every mode change
 * and given its original bytes at the end), refusals, a failed rewrite, and the probe points the
 * hooks call.
 */
class AgentProbesTest {

    /** Plays the agent: each retransform asks Weaving for every declared method's hook, as the transformer does. */
    static final class FakeWeaver implements Weaver {
        final List<Map<String, Integer>> rewrites = new CopyOnWriteArrayList<>();
        volatile String failWith;
        /** When set, the next retransform counts {@code entered} down and waits for {@code hold}. */
        volatile CountDownLatch hold;
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public String name() {
            return "agent (fake)";
        }

        @Override
        public List<Class<?>> loaded(String binaryName) {
            for (Class<?> c : List.of(Shop.class, Base.class)) {
                if (c.getName().equals(binaryName)) {
                    return List.of(c);
                }
            }
            return List.of();
        }

        @Override
        public boolean modifiable(Class<?> type) {
            return true;
        }

        @Override
        public String retransform(Class<?> type) {
            CountDownLatch h = hold;
            if (h != null) {
                hold = null;
                entered.countDown();
                try {
                    if (!h.await(30, TimeUnit.SECONDS)) {
                        return "the test did not let the rewrite go";
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
            if (failWith != null) {
                return failWith;
            }
            rewrites.add(hooks(type));
            return null;
        }

        static Map<String, Integer> hooks(Class<?> type) {
            Map<String, Integer> hooks = new TreeMap<>();
            for (Method m : type.getDeclaredMethods()) {
                String d = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
                int h = Weaving.hook(type.getName(), type.getClassLoader(), m.getName(), d, m.getModifiers());
                if (h >= 0) {
                    hooks.put(m.getName() + d, h & 1); // 0 lean, 1 full
                }
            }
            return hooks;
        }

        int site(Class<?> type, String nameAndDescriptor) {
            for (Method m : type.getDeclaredMethods()) {
                String d = MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
                if ((m.getName() + d).equals(nameAndDescriptor)) {
                    return Weaving.hook(type.getName(), type.getClassLoader(), m.getName(), d, m.getModifiers()) >> 1;
                }
            }
            throw new AssertionError(nameAndDescriptor);
        }
    }

    /** A proxied interface: a probe that needs no rewrite. */
    interface Pinger {
        int ping();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BUY1 = "buy(Ljava/lang/String;)I";
    private static final String BUY2 = "buy(Ljava/lang/String;I)I";

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();
    private final FakeWeaver weaver = new FakeWeaver();

    @BeforeEach
    void install() {
        Weaving.install(weaver);
    }

    @AfterEach
    void close() {
        engine.close();
        Weaving.install(null);
    }

    @Test
    void instruments_comeAndGo_classIsRewrittenLeanThenFullThenBackToOriginal() {
        Probe probe = probes.attach(Target.method(Shop.class, "buy"));
        assertEquals(List.of(), weaver.rewrites, "attaching alone changes no class");
        assertEquals("attached to 2 methods, unchanged until an instrument is armed", Weaving.status(probe));

        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals(Map.of(BUY1, 0, BUY2, 0), last());
        assertEquals("rewritten: 2 methods", Weaving.status(probe));

        probe.add(InstrumentSpec.log("item", "args[0]").build());
        assertEquals(Map.of(BUY1, 1, BUY2, 1), last());

        probe.remove("item");
        assertEquals(Map.of(BUY1, 0, BUY2, 0), last());

        probe.detach();
        assertEquals(Map.of(), last(), "after detach no method has a hook: the original bytes");
        assertEquals("detached", Weaving.status(probe));
    }

    @Test
    void rewriteHeldOnAnAddingThread_otherProbesLifespanEndsOnTime_andTheAddReturnsOnceRewritten() throws Exception {
        Probe shop = probes.attach(Target.method(Shop.class, "buy"));
        shop.add(InstrumentSpec.counter("calls").build()); // reported by the timer every 50 ms from now on
        CountDownLatch release = new CountDownLatch(1);
        weaver.hold = release;
        Thread adding = new Thread(() -> shop.add(InstrumentSpec.log("item", "args[0]").build()), "adding");
        adding.start();
        try {
            assertTrue(weaver.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the rewrite began");
            Pinger pinger = probes.proxy(Pinger.class, () -> 1);
            Probe other = probes.attach(Target.method(Pinger.class, "ping"));
            other.add(InstrumentSpec.counter("brief").lifespan(Duration.ofMillis(50)).build()); // no rewrite: a proxy
            assertEquals(1, pinger.ping());
            Event expired = engine.await(e -> e.kind().equals("probe.expired") && other.id().equals(e.source()), WAIT);
            assertEquals("brief", expired.field("instrument"));
            engine.await(e -> e.kind().equals("probe.detached") && other.id().equals(e.source()), WAIT);
            assertTrue(adding.isAlive(), "the rewrite was still held while the other probe's lifespan ended");
            assertEquals(Map.of(BUY1, 0, BUY2, 0), last(), "the held rewrite has not happened yet");
        } finally {
            release.countDown();
            adding.join(WAIT.toMillis());
        }
        assertFalse(adding.isAlive(), "add returned once the rewrite was let go");
        assertEquals(Map.of(BUY1, 1, BUY2, 1), last(), "the log reads the call: full hooks");
    }

    @Test
    void lifespanEnd_rewriteHeld_expiryOnTime_probeDetachedOnlyOnceTheClassHasItsOriginalBytes() throws Exception {
        Probe shop = probes.attach(Target.method(Shop.class, "buy"));
        CountDownLatch release = new CountDownLatch(1);
        shop.add(InstrumentSpec.counter("brief").lifespan(Duration.ofMillis(50)).build());
        weaver.hold = release; // the rewrite back to the original bytes, on the rewriter thread
        try {
            engine.await(e -> e.kind().equals("probe.expired") && shop.id().equals(e.source()), WAIT);
            assertTrue(weaver.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the rewrite began");
            assertTrue(shop.attached(), "attached until the class has its bytes back");
            assertEquals(List.of(), probes.list(), "but no longer listed: a new attach makes a new probe");

            Pinger pinger = probes.proxy(Pinger.class, () -> 1);
            Probe other = probes.attach(Target.method(Pinger.class, "ping"));
            other.add(InstrumentSpec.counter("brief").lifespan(Duration.ofMillis(50)).build());
            assertEquals(1, pinger.ping());
            engine.await(e -> e.kind().equals("probe.detached") && other.id().equals(e.source()), WAIT);
            assertTrue(shop.attached(), "the timer ended the other lifespan while the rewrite was held");
            assertTrue(engine.events("probe.detached").stream().noneMatch(e -> shop.id().equals(e.source())));
        } finally {
            release.countDown();
        }
        Event detached = engine.await(e -> e.kind().equals("probe.detached") && shop.id().equals(e.source()), WAIT);
        assertEquals("no instruments left", detached.field("reason"));
        assertFalse(shop.attached());
        assertEquals(Map.of(), last(), "the original bytes");
        assertEquals(2, weaver.rewrites.size(), "lean once, original once");
    }

    @Test
    void oneOverloadByDescriptor_onlyItIsHooked_andItsSiteCountsCalls() {
        Probe probe = probes.attach(Target.parse(Shop.class.getName() + "#" + BUY2));
        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals(Map.of(BUY2, 0), last());
        int site = weaver.site(Shop.class, BUY2);
        long start = Weaving.enterLean(site); // what the rewritten method calls
        Weaving.exitLean(site, start);
        assertEquals(1, probe.instruments().get(0).hits());
    }

    @Test
    void rewriteFails_probeErrorAndStatus_sayWhy() throws Exception {
        weaver.failWith = "too large";
        Probe probe = probes.attach(Target.method(Shop.class, "buy"));
        probe.add(InstrumentSpec.counter("calls").build());
        assertEquals("error: too large", Weaving.status(probe));
        Event e = engine.await("probe.error", Duration.ofSeconds(5));
        assertEquals("too large", e.field("error"));
        assertEquals(Shop.class.getName(), e.field("class"));
    }

    @Test
    void refusals_nameTheReason() {
        String jdk = assertThrows(IllegalArgumentException.class, () -> probes.attach("java.util.ArrayList#add")).getMessage();
        assertTrue(jdk.contains("java.* classes"), jdk);
        String self = assertThrows(IllegalArgumentException.class, () -> probes.attach("dev.telltale.Telltale#global")).getMessage();
        assertTrue(self.contains("Telltale does not probe itself"), self);
        String unknown = assertThrows(IllegalArgumentException.class, () -> probes.attach(Target.method(Shop.class, "sell")))
                .getMessage();
        assertTrue(unknown.contains("declares no method sell; its methods: <init>, buy, stamp"), unknown);
        String nat = assertThrows(IllegalArgumentException.class, () -> probes.attach(Target.method(Shop.class, "stamp")))
                .getMessage();
        assertTrue(nat.contains("stamp()J is native"), nat);
        String abs = assertThrows(IllegalArgumentException.class, () -> probes.attach(Target.method(Base.class, "run")))
                .getMessage();
        assertTrue(abs.contains("run()V is abstract"), abs);
        assertEquals(List.of(), probes.list());
    }

    @Test
    void classNotLoaded_probeWaits_andTheTransformerMakesItsSitesWhenItLoads() {
        Probe probe = probes.attach("com.acme.NotYet#run");
        assertEquals("waiting for class com.acme.NotYet to load", Weaving.status(probe));
        probe.add(InstrumentSpec.counter("calls").build());
        assertTrue(Weaving.targets("com.acme.NotYet"));
        int h = Weaving.hook("com.acme.NotYet", null, "run", "()V", Modifier.PUBLIC); // as the class loads
        assertEquals(0, h & 1, "a counter alone: lean");
        assertEquals(-1, Weaving.hook("com.acme.NotYet", null, "other", "()V", Modifier.PUBLIC));
        assertEquals("rewritten: 1 method", Weaving.status(probe));
        probe.detach();
        assertFalse(Weaving.targets("com.acme.NotYet"), "no probe names the class any more");
    }

    @Test
    void noAgent_refusedTargetsStillSayWhy() {
        Weaving.install(null);
        String jdk = assertThrows(IllegalArgumentException.class, () -> probes.attach("sun.misc.Unsafe#getInt")).getMessage();
        assertTrue(jdk.contains("sun.* classes"), jdk);
    }

    private Map<String, Integer> last() {
        assertFalse(weaver.rewrites.isEmpty(), "no rewrite");
        return weaver.rewrites.get(weaver.rewrites.size() - 1);
    }
}
