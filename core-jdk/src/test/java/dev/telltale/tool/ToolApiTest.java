package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exported tool API gives what the core uses internally: its value syntax and its JSON. */
class ToolApiTest {

    @Test
    void configValues_parseAsTheConfigurationDoes_andFailNamingTheText() {
        assertEquals(Duration.ofSeconds(30), ConfigValues.duration("30s"));
        assertEquals(Duration.ZERO, ConfigValues.duration("0"));
        assertEquals(-3, ConfigValues.integer(" -3 "));
        assertEquals(16L << 20, ConfigValues.size("16MiB"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigValues.duration("30"));
        assertTrue(e.getMessage().contains("'30'"), e.getMessage());
        assertEquals("duration", ConfigValues.closest("duraton", List.of("backend", "duration"), 3));
        assertNull(ConfigValues.closest("zzz", List.of("backend", "duration"), 3));
    }

    @Test
    void json_parsesAndPrintsWhatTheMonitorReadsAndPrints() {
        byte[] line = "{\"kind\":\"k\",\"seq\":3,\"fields\":{\"a\":[true,null,1.5]}}".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> doc = Json.parseObject(line, 0, line.length);
        assertEquals(3L, doc.get("seq"));
        assertEquals(new String(line, StandardCharsets.UTF_8), Json.compact(doc));
        assertEquals(doc, Json.parseObject(Json.pretty(doc)));
        assertTrue(Json.pretty(doc).contains("\n"), Json.pretty(doc));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":}"));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
    }
}
