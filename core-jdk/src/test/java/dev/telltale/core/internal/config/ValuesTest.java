package dev.telltale.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @Test
    void duration_units_parse() {
        assertEquals(Duration.ofMillis(250), Values.duration("250ms"));
        assertEquals(Duration.ofSeconds(2), Values.duration(" 2s "));
        assertEquals(Duration.ofMinutes(5), Values.duration("5m"));
        assertEquals(Duration.ofMinutes(5), Values.duration("5min"));
        assertEquals(Duration.ofHours(1), Values.duration("1H"));
        assertEquals(Duration.ZERO, Values.duration("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "10", "1.5s", "-1s", "10 parsecs", "ms10", "99999999999999999999s"})
    void duration_malformed_namesTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.duration(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void size_units_parse() {
        assertEquals(1024, Values.size("1024"));
        assertEquals(1024, Values.size("1KiB"));
        assertEquals(16L << 20, Values.size("16MiB"));
        assertEquals(3L << 30, Values.size("3gib"));
        assertEquals(1000, Values.size("1KB"));
        assertEquals(5_000_000, Values.size("5 MB"));
        assertEquals(7, Values.size("7b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "1.5MiB", "-1", "10 XB", "9999999999999GiB"})
    void size_malformed_namesTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.size(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void bool_acceptsOnlyTrueAndFalse() {
        assertTrue(Values.bool("TRUE"));
        assertFalse(Values.bool(" false"));
        assertThrows(IllegalArgumentException.class, () -> Values.bool("yes"));
        assertThrows(IllegalArgumentException.class, () -> Values.bool("1"));
    }

    @Test
    void integer_rejectsNonIntegers() {
        assertEquals(-3, Values.integer("-3"));
        assertThrows(IllegalArgumentException.class, () -> Values.integer("3.0"));
        assertThrows(IllegalArgumentException.class, () -> Values.integer("4294967296"));
    }
}
