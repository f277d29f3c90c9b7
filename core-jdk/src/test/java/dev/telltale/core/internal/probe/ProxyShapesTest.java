package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.core.internal.probe.elsewhere.Elsewhere;
import dev.telltale.core.testing.FakeEngine;
import dev.telltale.probe.Hit;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proxies of the interfaces applications have: hidden, the JDK's, with defaults, overloads, generics, varargs. */
class ProxyShapesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    interface Shapes {
        String area(int side);

        String area(int width, int height);

        String area(double radius);

        default String describe(int side) {
            return "square of " + area(side);
        }
    }

    static class Plain implements Shapes {
        @Override
        public String area(int side) {
            return "s" + side * side;
        }

        @Override
        public String area(int width, int height) {
            return "r" + width * height;
        }

        @Override
        public String area(double radius) {
            return "c" + Math.round(Math.PI * radius * radius);
        }
    }

    interface Source<T> {
        T next(T seed);
    }

    /** Narrows a generic method: the compiler adds a bridge, {@code next(Object)}, to this interface. */
    interface Names extends Source<String> {
        @Override
        String next(String seed);
    }

    /** Inherits the generic method as it is. */
    interface Numbers extends Source<Integer> {}

    interface Joiner {
        String join(String separator, String... parts);
    }

    /** Redeclares Object's methods, as some interfaces do for their Javadoc. */
    interface Named {
        String name();

        @Override
        String toString();

        @Override
        boolean equals(Object o);

        @Override
        int hashCode();
    }

    private final FakeEngine engine = new FakeEngine(Duration.ofMillis(50));
    private final Probes probes = engine.probes();

    @AfterEach
    void close() {
        engine.close();
    }

    private static long hits(Probe probe, String instrument) {
        return probe.instruments().stream().filter(s -> s.spec().name().equals(instrument)).findFirst().orElseThrow().hits();
    }

    @Test
    void packagePrivateInterface_inAnotherPackage_isCalledAndProbed() {
        IntFunction<String> secret = Elsewhere.proxied(probes);
        assertEquals("secret 1", secret.apply(1));
        Probe probe = probes.attach(Elsewhere.TARGET).add(InstrumentSpec.log("n", "args[0]").build());
        assertEquals("secret 2", secret.apply(2));
        assertEquals(1L, hits(probe, "n"));
    }

    @Test
    void jdkInterface_ofANamedModule_isCalledAndProbed() throws Exception {
        Supplier<String> supplier = probes.proxy(Supplier.class, () -> "from the JDK");
        Probe probe = probes.attach("java.util.function.Supplier#get")
                .add(InstrumentSpec.log("got", "result").event(ProbeEvent.RETURN).build());
        assertEquals("from the JDK", supplier.get());
        assertEquals("from the JDK", engine.await("probe.log", WAIT).field("value"));
        assertEquals(1L, hits(probe, "got"));
    }

    @Test
    void overloads_targetWithoutDescriptor_servesAll_withDescriptor_picksOne() {
        Shapes shapes = probes.proxy(Shapes.class, new Plain());
        Probe all = probes.attach(Target.method(Shapes.class, "area")).add(InstrumentSpec.counter("all").build());
        Probe two = probes.attach("dev.telltale.core.internal.probe.ProxyShapesTest$Shapes#area(II)Ljava/lang/String;")
                .add(InstrumentSpec.counter("two").build());
        Probe round = probes.attach(Target.method(Shapes.class, "area", String.class, double.class))
                .add(InstrumentSpec.counter("round").build());
        assertEquals("s4", shapes.area(2));
        assertEquals("r6", shapes.area(2, 3));
        assertEquals("r8", shapes.area(2, 4));
        assertEquals("c3", shapes.area(1.0));
        assertEquals(4L, hits(all, "all"));
        assertEquals(2L, hits(two, "two"));
        assertEquals(1L, hits(round, "round"));
    }

    @Test
    void defaultMethod_isAProbePoint_andRunsOnTheTarget() {
        Shapes shapes = probes.proxy(Shapes.class, new Plain());
        Probe describe = probes.attach(Target.method(Shapes.class, "describe")).add(InstrumentSpec.counter("d").build());
        Probe area = probes.attach(Target.method(Shapes.class, "area")).add(InstrumentSpec.counter("a").build());
        assertEquals("square of s9", shapes.describe(3));
        assertEquals(1L, hits(describe, "d"));
        assertEquals(0L, hits(area, "a"), "the default method calls area on the target, not through the proxy");

        Shapes overriding = probes.proxy(Shapes.class, new Plain() {
            @Override
            public String describe(int side) {
                return "mine";
            }
        });
        assertEquals("mine", overriding.describe(3), "the target's own override runs");
        assertEquals(2L, hits(describe, "d"));
    }

    @Test
    void narrowedGenericMethod_callsThroughTheGenericSupertype_fireTheSameInstruments() {
        Names names = probes.proxy(Names.class, seed -> seed + "!");
        Probe probe = probes.attach(Target.method(Names.class, "next", String.class, String.class))
                .add(InstrumentSpec.log("seed", "args[0]").rateLimit(0).build());
        Source<String> generic = names;
        assertEquals("a!", names.next("a"));
        assertEquals("b!", generic.next("b"));
        assertEquals(2L, hits(probe, "seed"));
        assertEquals(List.of("a", "b"), engine.events("probe.log").stream().map(e -> e.field("value")).toList());
        assertEquals(1, probe.instruments().size());
        Event attached = engine.events("probe.attached").get(0);
        assertEquals(1, attached.field("points"), "the bridge shares the method's probe point");
    }

    @Test
    void inheritedGenericMethod_isServedByTheSubinterfacesAndTheDeclaringInterfacesName() {
        Numbers numbers = probes.proxy(Numbers.class, seed -> seed + 1);
        Probe bySub = probes.attach(Target.method(Numbers.class, "next")).add(InstrumentSpec.counter("sub").build());
        Probe byDeclaring = probes.attach(Target.method(Source.class, "next")).add(InstrumentSpec.counter("decl").build());
        assertEquals(2, numbers.next(1));
        assertEquals(1L, hits(bySub, "sub"));
        assertEquals(1L, hits(byDeclaring, "decl"));
        probes.attach("dev.telltale.core.internal.probe.ProxyShapesTest$Numbers#next(Ljava/lang/Object;)Ljava/lang/Object;");
        assertEquals(1, engine.events("probe.attached").get(2).field("points"), "the erased descriptor picks it");
    }

    @Test
    void varargs_arriveAsOneArray() throws Exception {
        Joiner joiner = probes.proxy(Joiner.class, (separator, parts) -> String.join(separator, parts));
        List<Object> seen = new ArrayList<>();
        Probe probe = probes.attach("dev.telltale.core.internal.probe.ProxyShapesTest$Joiner#join(Ljava/lang/String;[Ljava/lang/String;)Ljava/lang/String;");
        probe.add(InstrumentSpec.log("parts", "args[1].length").build());
        probe.add(InstrumentSpec.builder("custom", "hits").build(), (Hit hit) -> seen.add(hit.argCount() + ":" + hit.arg(0)));
        assertEquals("a-b-c", joiner.join("-", "a", "b", "c"));
        assertEquals("", joiner.join("-"));
        assertEquals(List.of(3L, 0L), engine.events("probe.log").stream().map(e -> e.field("value")).toList());
        assertEquals(List.of("2:-", "2:-"), seen);
    }

    @Test
    void objectMethods_goToTheTarget_andAreNoProbePoints() {
        Plain real = new Plain();
        Shapes p = probes.proxy(Shapes.class, real);
        Shapes q = probes.proxy(Shapes.class, real);
        assertTrue(p.equals(p));
        assertTrue(p.equals(q), "proxies of one object are equal");
        assertTrue(p.equals(real), "the target's equals sees the object behind the proxy");
        assertFalse(p.equals(null));
        assertFalse(p.equals(new Plain()));
        assertNotEquals(p, probes.proxy(Shapes.class, new Plain()));
        assertEquals(real.hashCode(), p.hashCode());
        assertEquals(real.toString(), p.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.attach(Target.method(Shapes.class, "hashCode")));
        assertTrue(e.getMessage().contains("no method hashCode on the proxied interface"), e.getMessage());
    }

    @Test
    void objectMethodsRedeclared_areNoProbePointsEither_soAttachingSaysSo() {
        Named named = probes.proxy(Named.class, new Named() {
            @Override
            public String name() {
                return "n";
            }

            @Override
            public String toString() {
                return "Named n";
            }
        });
        assertEquals("Named n", named.toString());
        assertEquals("n", named.name());
        for (String method : List.of("toString", "equals", "hashCode")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> probes.attach(Target.method(Named.class, method)), method);
            assertTrue(e.getMessage().contains("no method " + method + " on the proxied interface"), e.getMessage());
        }
    }

    @Test
    void proxy_refusesWhatIsNoInterface_andNulls() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.proxy(Plain.class, new Plain()));
        assertTrue(e.getMessage().startsWith(Plain.class.getName() + " is not an interface"), e.getMessage());
        assertEquals("iface == null", assertThrows(NullPointerException.class,
                () -> probes.proxy(null, new Plain())).getMessage());
        assertEquals("target == null", assertThrows(NullPointerException.class,
                () -> probes.proxy(Shapes.class, null)).getMessage());
    }

    @Test
    void hitOfAProxy_seesTheTargetAsSelf() {
        Plain real = new Plain();
        Shapes p = probes.proxy(Shapes.class, real);
        List<Object> selves = new ArrayList<>();
        probes.attach(Target.method(Shapes.class, "area", String.class, int.class))
                .add(InstrumentSpec.builder("custom", "self").build(), (Hit hit) -> selves.add(hit.self()));
        p.area(1);
        assertEquals(1, selves.size());
        assertSame(real, selves.get(0));
    }
}
