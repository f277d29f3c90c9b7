package dev.telltale.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.ConfigKey.Type;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ranges of typed keys (bounds inclusive, compared as values, not as text), the check of a key's
 * own declaration, and the largest durations and sizes a long can hold.
 */
class ValuesRangeTest {

    private static ConfigKey key(Type type, String defaultValue, String min, String max) {
        return new ConfigKey("telltale.test.key", type, defaultValue, "a key", min, max);
    }

    private static void assertOutOfRange(ConfigKey key, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.check(key, text));
        assertEquals("'" + text + "' is out of range: it must be " + key.range(), e.getMessage());
    }

    @Test
    void integerRange_boundsAreInclusive() {
        ConfigKey k = key(Type.INTEGER, "5", "1", "10");
        assertDoesNotThrow(() -> Values.check(k, "1"));
        assertDoesNotThrow(() -> Values.check(k, "10"));
        assertOutOfRange(k, "0");
        assertOutOfRange(k, "11");
    }

    @Test
    void sizeRange_comparesBytes_notText() {
        ConfigKey k = key(Type.SIZE, "4KiB", "1KiB", "1MiB");
        assertDoesNotThrow(() -> Values.check(k, "1024"), "1024 bytes is 1KiB");
        assertDoesNotThrow(() -> Values.check(k, "1048576"));
        assertDoesNotThrow(() -> Values.check(k, "900KB"), "900,000 bytes are less than 1MiB");
        assertOutOfRange(k, "1023");
        assertOutOfRange(k, "1048577");
    }

    @Test
    void durationRange_comparesDurations() {
        ConfigKey k = key(Type.DURATION, "1s", "10ms", "1m");
        assertDoesNotThrow(() -> Values.check(k, "10ms"));
        assertDoesNotThrow(() -> Values.check(k, "60s"), "60s is 1m");
        assertOutOfRange(k, "9ms");
        assertOutOfRange(k, "61s");
        assertOutOfRange(k, "0");
    }

    @Test
    void onlyALowerBound_orOnlyAnUpperOne() {
        ConfigKey atLeast = key(Type.INTEGER, "5", "2", "");
        assertDoesNotThrow(() -> Values.check(atLeast, String.valueOf(Integer.MAX_VALUE)));
        assertOutOfRange(atLeast, "1");
        ConfigKey atMost = key(Type.INTEGER, "5", "", "7");
        assertDoesNotThrow(() -> Values.check(atMost, String.valueOf(Integer.MIN_VALUE)));
        assertOutOfRange(atMost, "8");
    }

    @Test
    void check_malformedText_isRefusedBeforeTheRange() {
        ConfigKey k = key(Type.SIZE, "4KiB", "1KiB", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.check(k, "lots"));
        assertTrue(e.getMessage().startsWith("'lots' is not a size"), e.getMessage());
    }

    @Test
    void checkByType_parsesEachType_stringsAlwaysPass() {
        assertDoesNotThrow(() -> Values.check(Type.STRING, "anything at all"));
        assertDoesNotThrow(() -> Values.check(Type.BOOLEAN, "true"));
        assertThrows(IllegalArgumentException.class, () -> Values.check(Type.BOOLEAN, "maybe"));
        assertThrows(IllegalArgumentException.class, () -> Values.check(Type.INTEGER, "one"));
        assertThrows(IllegalArgumentException.class, () -> Values.check(Type.DURATION, "5"));
        assertThrows(IllegalArgumentException.class, () -> Values.check(Type.SIZE, "5 apples"));
    }

    @Test
    void checkDeclaration_acceptsAWellFormedKey() {
        assertDoesNotThrow(() -> Values.checkDeclaration(key(Type.SIZE, "4KiB", "1KiB", "1MiB")));
        assertDoesNotThrow(() -> Values.checkDeclaration(key(Type.DURATION, "", "1ms", "")), "no default");
        assertDoesNotThrow(() -> Values.checkDeclaration(new ConfigKey("telltale.test.s", Type.STRING, "x", "a key")));
    }

    @Test
    void checkDeclaration_malformedBoundOrDefault_namesTheKey() {
        assertMalformed(key(Type.SIZE, "4KiB", "a little", ""), "'a little' is not a size");
        assertMalformed(key(Type.SIZE, "4KiB", "", "a lot"), "'a lot' is not a size");
        assertMalformed(key(Type.INTEGER, "many", "", ""), "'many' is not an integer");
        assertMalformed(key(Type.INTEGER, "0", "1", "10"), "'0' is out of range: it must be from 1 to 10");
        assertMalformed(key(Type.INTEGER, "11", "1", "10"), "'11' is out of range: it must be from 1 to 10");
    }

    private static void assertMalformed(ConfigKey key, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.checkDeclaration(key));
        assertTrue(e.getMessage().startsWith("its key telltale.test.key is malformed: " + problem), e.getMessage());
    }

    @Test
    void duration_largestThatALongOfMillisecondsHolds_isAccepted_oneMoreIsRefused() {
        assertEquals(Duration.ofMillis(Long.MAX_VALUE), Values.duration(Long.MAX_VALUE + "ms"));
        long maxSeconds = Long.MAX_VALUE / 1000;
        assertEquals(Duration.ofSeconds(maxSeconds), Values.duration(maxSeconds + "s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.duration((maxSeconds + 1) + "s"));
        assertTrue(e.getMessage().contains("too long a duration"), e.getMessage());
        long maxHours = Long.MAX_VALUE / 3_600_000L;
        assertEquals(Duration.ofHours(maxHours), Values.duration(maxHours + "h"));
        assertThrows(IllegalArgumentException.class, () -> Values.duration((maxHours + 1) + "h"));
        long maxMinutes = Long.MAX_VALUE / 60_000L;
        assertEquals(Duration.ofMinutes(maxMinutes), Values.duration(maxMinutes + "m"));
        assertThrows(IllegalArgumentException.class, () -> Values.duration((maxMinutes + 1) + "m"));
    }

    @Test
    void size_largestThatALongHolds_isAccepted_oneMoreUnitIsRefused() {
        assertEquals(Long.MAX_VALUE, Values.size(String.valueOf(Long.MAX_VALUE)));
        long maxKib = Long.MAX_VALUE >> 10;
        assertEquals(maxKib << 10, Values.size(maxKib + "KiB"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.size((maxKib + 1) + "KiB"));
        assertTrue(e.getMessage().contains("too large a size"), e.getMessage());
        long maxGb = Long.MAX_VALUE / 1_000_000_000L;
        assertEquals(maxGb * 1_000_000_000L, Values.size(maxGb + "GB"));
        assertThrows(IllegalArgumentException.class, () -> Values.size((maxGb + 1) + "GB"));
    }

    @Test
    void numbersBeyondALong_areOutOfRange_withTheTextNamed() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Values.duration("99999999999999999999ms"));
        assertEquals("'99999999999999999999ms' is out of range for a duration (a whole number with ms, s, m or h,"
                + " like 500ms or 2s)", d.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> Values.size("99999999999999999999"));
        assertTrue(s.getMessage().startsWith("'99999999999999999999' is out of range for a size"), s.getMessage());
    }
}
