package dev.telltale.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InstrumentSpecTest {

    private static String failure(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private static InstrumentSpec.Builder full() {
        return InstrumentSpec.builder("log", "orders").event(ProbeEvent.EXCEPTION).value("args[0].id")
                .condition("args[1] > 2").message("checkout failed").lifespan(Duration.ofSeconds(30)).rateLimit(5)
                .sampling(0.25).option("a", "1").option("b", "2");
    }

    // ---- defaults, as the table in the Javadoc says

    @Test
    void log_defaults_onCallNoValueHundredPerSecond() {
        InstrumentSpec s = InstrumentSpec.log("l", null).build();
        assertEquals("log", s.type());
        assertEquals("l", s.name());
        assertEquals(ProbeEvent.CALL, s.event());
        assertNull(s.value());
        assertNull(s.condition());
        assertNull(s.message());
        assertEquals(100.0, s.rateLimit());
        assertEveryTypeDefaults(s);
    }

    @Test
    void counter_defaults_onCallNoValueNoLimit() {
        InstrumentSpec s = InstrumentSpec.counter("c").build();
        assertEquals("counter", s.type());
        assertEquals(ProbeEvent.CALL, s.event());
        assertNull(s.value());
        assertEquals(0.0, s.rateLimit());
        assertEveryTypeDefaults(s);
    }

    @Test
    void histogram_defaults_onReturnNoLimit_andItsValueIsRequired() {
        InstrumentSpec s = InstrumentSpec.histogram("h", "result.size()").build();
        assertEquals("histogram", s.type());
        assertEquals(ProbeEvent.RETURN, s.event());
        assertEquals("result.size()", s.value());
        assertEquals(0.0, s.rateLimit());
        assertEveryTypeDefaults(s);
        assertEquals("histogram 'h' needs a value expression",
                failure(() -> InstrumentSpec.histogram("h", null).build()));
        assertEquals("histogram 'h' needs a value expression",
                failure(() -> InstrumentSpec.histogram("h", "  ").build()));
        assertEquals("histogram 'h' needs a value expression",
                failure(() -> InstrumentSpec.builder("histogram", "h").build()));
    }

    @Test
    void timer_defaults_onReturnElapsedNoLimit() {
        InstrumentSpec s = InstrumentSpec.timer("t").build();
        assertEquals("timer", s.type());
        assertEquals(ProbeEvent.RETURN, s.event());
        assertNull(s.value(), "no value: the elapsed time");
        assertEquals(0.0, s.rateLimit());
        assertEveryTypeDefaults(s);
    }

    @Test
    void customType_defaults_onCallNoLimit() {
        InstrumentSpec s = InstrumentSpec.builder("my-type.v2", "x").build();
        assertEquals(ProbeEvent.CALL, s.event());
        assertEquals(0.0, s.rateLimit());
        assertEquals(Map.of(), s.options());
        assertEveryTypeDefaults(s);
    }

    private static void assertEveryTypeDefaults(InstrumentSpec s) {
        assertEquals(Duration.ofMinutes(10), s.lifespan());
        assertEquals(InstrumentSpec.DEFAULT_LIFESPAN, s.lifespan());
        assertEquals(1.0, s.sampling());
    }

    @Test
    void event_null_meansTheTypesDefault() {
        assertEquals(ProbeEvent.RETURN, InstrumentSpec.timer("t").event(ProbeEvent.EXCEPTION).event(null).build().event());
    }

    @Test
    void rateLimit_zero_turnsTheLogsLimitOff() {
        assertEquals(0.0, InstrumentSpec.log("l", null).rateLimit(0).build().rateLimit());
        assertEquals(0.0, InstrumentSpec.log("l", null).rateLimit(-0.0).build().rateLimit());
        assertEquals(InstrumentSpec.log("l", null).rateLimit(0).build(),
                InstrumentSpec.log("l", null).rateLimit(-0.0).build());
    }

    @Test
    void valueAndCondition_blankMeansNone_andAreStripped() {
        InstrumentSpec s = InstrumentSpec.log("l", "   ").condition("\t").build();
        assertNull(s.value());
        assertNull(s.condition());
        InstrumentSpec t = InstrumentSpec.log("l", " args[0] ").condition(" x > 1 ").build();
        assertEquals("args[0]", t.value());
        assertEquals("x > 1", t.condition());
    }

    @Test
    void everySetting_isKept() {
        InstrumentSpec s = full().build();
        assertEquals(ProbeEvent.EXCEPTION, s.event());
        assertEquals("args[0].id", s.value());
        assertEquals("args[1] > 2", s.condition());
        assertEquals("checkout failed", s.message());
        assertEquals(Duration.ofSeconds(30), s.lifespan());
        assertEquals(5.0, s.rateLimit());
        assertEquals(0.25, s.sampling());
        assertEquals(Map.of("a", "1", "b", "2"), s.options());
        assertThrows(UnsupportedOperationException.class, () -> s.options().put("c", "3"));
    }

    // ---- rejections

    @Test
    void lifespan_zeroOrNegative_refused() {
        assertEquals("lifespan PT0S is not positive", failure(() -> InstrumentSpec.counter("c").lifespan(Duration.ZERO)));
        assertEquals("lifespan PT-1S is not positive",
                failure(() -> InstrumentSpec.counter("c").lifespan(Duration.ofSeconds(-1))));
        assertEquals("lifespan PT-0.000000001S is not positive",
                failure(() -> InstrumentSpec.counter("c").lifespan(Duration.ofNanos(-1))));
        assertEquals("lifespan == null",
                assertThrows(NullPointerException.class, () -> InstrumentSpec.counter("c").lifespan(null)).getMessage());
        assertEquals(Duration.ofNanos(1), InstrumentSpec.counter("c").lifespan(Duration.ofNanos(1)).build().lifespan());
    }

    @Test
    void rateLimit_negativeNaNOrInfinite_refused() {
        assertEquals("rate limit -1.0 is not a finite number >= 0",
                failure(() -> InstrumentSpec.counter("c").rateLimit(-1)));
        assertEquals("rate limit NaN is not a finite number >= 0",
                failure(() -> InstrumentSpec.counter("c").rateLimit(Double.NaN)));
        assertEquals("rate limit Infinity is not a finite number >= 0",
                failure(() -> InstrumentSpec.counter("c").rateLimit(Double.POSITIVE_INFINITY)));
        assertEquals("rate limit -Infinity is not a finite number >= 0",
                failure(() -> InstrumentSpec.counter("c").rateLimit(Double.NEGATIVE_INFINITY)));
        assertEquals(0.5, InstrumentSpec.counter("c").rateLimit(0.5).build().rateLimit());
    }

    @Test
    void sampling_zeroAboveOneOrNaN_refused() {
        for (double bad : new double[] {0, -0.0, -0.5, 1.0000001, 2, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("sampling " + bad + " is not in (0, 1]",
                    failure(() -> InstrumentSpec.counter("c").sampling(bad)));
        }
        assertEquals(1.0, InstrumentSpec.counter("c").sampling(1).build().sampling());
        assertEquals(Double.MIN_VALUE, InstrumentSpec.counter("c").sampling(Double.MIN_VALUE).build().sampling());
    }

    @Test
    void type_notLowerCaseWord_refused() {
        for (String bad : List.of("", "Log", "1log", "-log", "my type", "lög", "a".repeat(65))) {
            assertEquals("instrument type '" + bad
                    + "' is not 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter",
                    failure(() -> InstrumentSpec.builder(bad, "n")));
        }
        InstrumentSpec.builder("a".repeat(64), "n").build();
        assertEquals("type == null",
                assertThrows(NullPointerException.class, () -> InstrumentSpec.builder(null, "n")).getMessage());
    }

    @Test
    void name_outsideItsCharacters_refused() {
        for (String bad : List.of("", "a b", "a/b", "ä", "x".repeat(101))) {
            assertEquals("instrument name '" + bad + "' is not 1-100 letters, digits, '_', '.', ':' or '-'",
                    failure(() -> InstrumentSpec.counter(bad)));
        }
        InstrumentSpec.counter("orders.latency:p-1_x").build();
        InstrumentSpec.counter("x".repeat(100)).build();
        assertEquals("name == null",
                assertThrows(NullPointerException.class, () -> InstrumentSpec.builder("log", null)).getMessage());
    }

    @Test
    void option_nullKeyOrValue_refused() {
        assertEquals("key == null",
                assertThrows(NullPointerException.class, () -> InstrumentSpec.counter("c").option(null, "v")).getMessage());
        assertEquals("value == null",
                assertThrows(NullPointerException.class, () -> InstrumentSpec.counter("c").option("k", null)).getMessage());
    }

    // ---- equality and copies

    @Test
    void equalSettings_equalSpecs_andEqualHashes() {
        assertEquals(full().build(), full().build());
        assertEquals(full().build().hashCode(), full().build().hashCode());
        assertEquals(InstrumentSpec.timer("t").build(), InstrumentSpec.timer("t").event(ProbeEvent.RETURN).build(),
                "a default and the same value given are equal");
    }

    @Test
    void eachSetting_differs() {
        InstrumentSpec base = full().build();
        List<UnaryOperator<InstrumentSpec.Builder>> changes = List.of(
                b -> b.event(ProbeEvent.CALL), b -> b.value("args[2]"), b -> b.condition(null), b -> b.message(null),
                b -> b.lifespan(Duration.ofSeconds(31)), b -> b.rateLimit(6), b -> b.sampling(0.5),
                b -> b.option("a", "9"), b -> b.option("c", "3"));
        for (UnaryOperator<InstrumentSpec.Builder> change : changes) {
            InstrumentSpec other = change.apply(full()).build();
            assertNotEquals(base, other, other.toString());
        }
        assertNotEquals(base, InstrumentSpec.builder("custom", "orders").build());
        assertNotEquals(InstrumentSpec.counter("a").build(), InstrumentSpec.counter("b").build());
        assertNotEquals(InstrumentSpec.counter("a").build(), InstrumentSpec.builder("counter2", "a").build());
        assertNotEquals(InstrumentSpec.counter("a").build(), "counter a");
    }

    @Test
    void toBuilder_givesAnEqualSpec_andChangesLeaveTheOriginal() {
        InstrumentSpec s = full().build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        InstrumentSpec changed = s.toBuilder().rateLimit(0).option("c", "3").build();
        assertEquals(0.0, changed.rateLimit());
        assertEquals(Map.of("a", "1", "b", "2", "c", "3"), changed.options());
        assertEquals(5.0, s.rateLimit());
        assertEquals(Map.of("a", "1", "b", "2"), s.options());
        for (InstrumentSpec d : List.of(InstrumentSpec.log("l", null).build(), InstrumentSpec.counter("c").build(),
                InstrumentSpec.timer("t").build(), InstrumentSpec.histogram("h", "result").build())) {
            assertEquals(d, d.toBuilder().build());
        }
    }

    @Test
    void toString_saysWhatItDoes() {
        assertEquals("log orders on exception value args[0].id when args[1] > 2 for PT30S at most 5.0/s sampling 0.25",
                full().build().toString());
        assertEquals("counter c on call for PT10M", InstrumentSpec.counter("c").build().toString());
        assertTrue(InstrumentSpec.log("l", null).build().toString().endsWith("at most 100.0/s"));
    }
}
