package dev.telltale.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Probes of a pipeline without {@code telltale-core}: api's tests have none, so every pipeline
 * built here is the test {@code FakeEngine}, whose probes are the no-op ones ({@code NoopEngine}'s).
 */
class NoopProbesTest {

    interface Greeter {
        String greet(String name);
    }

    private final Telltale telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).build();
    private final Probes probes = Probes.of(telltale);

    @AfterEach
    void close() {
        telltale.close();
    }

    @Test
    void proxy_isTheTargetItself() {
        Greeter real = name -> "hello " + name;
        assertSame(real, probes.proxy(Greeter.class, real));
        Supplier<String> supplier = () -> "x";
        assertSame(supplier, probes.proxy(Supplier.class, supplier));
    }

    @Test
    void proxy_checksItsArgumentsAsCoreDoes() {
        assertEquals("iface == null",
                assertThrows(NullPointerException.class, () -> probes.proxy(null, "x")).getMessage());
        assertEquals("target == null",
                assertThrows(NullPointerException.class, () -> probes.proxy(Greeter.class, null)).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.proxy(String.class, "x"));
        assertTrue(e.getMessage().startsWith("java.lang.String is not an interface"), e.getMessage());
    }

    @Test
    void handle_isTheHandleItself() throws Throwable {
        MethodHandle length = MethodHandles.lookup().findVirtual(String.class, "length", MethodType.methodType(int.class));
        MethodHandle h = probes.handle("length", length);
        assertSame(length, h);
        assertEquals(3, (int) h.invokeExact("abc"));
        assertEquals("target == null",
                assertThrows(NullPointerException.class, () -> probes.handle("x", null)).getMessage());
        assertEquals("a handle's name is blank",
                assertThrows(IllegalArgumentException.class, () -> probes.handle(" ", length)).getMessage());
    }

    @Test
    void attach_failsWithIllegalState_sayingWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> probes.attach("handle:pricing"));
        assertEquals("cannot attach a probe to handle:pricing: this pipeline discards everything"
                + " (telltale-core is missing or telltale.enabled=false)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> probes.attach(Target.method(Greeter.class, "greet")));
        assertThrows(IllegalArgumentException.class, () -> probes.attach("no target"),
                "a malformed target is still an argument error");
        assertThrows(NullPointerException.class, () -> probes.attach((Target) null));
    }

    @Test
    void listing_isEmpty_andTheRestDoesNothing() {
        assertEquals(Optional.empty(), probes.probe(Target.handle("x")));
        assertEquals(List.of(), probes.list());
        probes.register(new InstrumentFactory() {
            @Override
            public String type() {
                return "mine";
            }

            @Override
            public Instrument create(InstrumentSpec spec) {
                return hit -> { };
            }
        });
        probes.detachAll();
        assertEquals(List.of(), probes.list());
        assertThrows(NullPointerException.class, () -> probes.register(null));
        assertThrows(NullPointerException.class, () -> probes.probe(null));
    }

    @Test
    void of_nullPipeline_refused() {
        assertEquals("telltale == null", assertThrows(NullPointerException.class, () -> Probes.of(null)).getMessage());
    }
}
