package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLimitsTest {

    @Test
    void default_hasDocumentedValues() {
        assertEquals(new JsonLimits(16, 16384, 1000, 1048576), JsonLimits.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void constructor_nonPositiveComponent_throwsNamingIt(int bad) {
        assertEquals("maxDepth must be > 0 but was " + bad,
                assertThrows(IllegalArgumentException.class, () -> new JsonLimits(bad, 1, 1, 1)).getMessage());
        assertEquals("maxChars must be > 0 but was " + bad,
                assertThrows(IllegalArgumentException.class, () -> new JsonLimits(1, bad, 1, 1)).getMessage());
        assertEquals("maxItems must be > 0 but was " + bad,
                assertThrows(IllegalArgumentException.class, () -> new JsonLimits(1, 1, bad, 1)).getMessage());
        assertEquals("maxBytes must be > 0 but was " + bad,
                assertThrows(IllegalArgumentException.class, () -> new JsonLimits(1, 1, 1, bad)).getMessage());
    }

    @Test
    void constructor_depthBeyondWhatTheReaderAccepts_throws() {
        assertEquals(511, new JsonLimits(511, 1, 1, 1).maxDepth());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JsonLimits(512, 1, 1, 1));
        assertEquals("maxDepth must be at most 511 but was 512", e.getMessage());
    }
}
