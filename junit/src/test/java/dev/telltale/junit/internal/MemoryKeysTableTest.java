package dev.telltale.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table lists the memory backend's keys as they are declared: every
 * {@code telltale.memory.*} row is a key of {@link MemoryBackend} and every key has its row, with
 * its default, range and meaning. The CLI module's {@code ConfigurationTableTest} checks every
 * other row, and leaves these to this test because it cannot see this module.
 */
class MemoryKeysTableTest {

    private static final String PREFIX = "telltale.memory.";
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(telltale\\.memory\\.[^`]+)` \\| (`[^`]*`|\\(empty\\)) \\| ([^|]+) \\| ([^|]+) \\|$");

    @Test
    void readmeRows_underTelltaleMemory_areExactlyTheMemoryBackendsKeys() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            }
            if (inSection && line.startsWith("| `" + PREFIX)) {
                Matcher m = ROW.matcher(line);
                assertTrue(m.matches(), "a row that is not | `key` | default | range or values | meaning |: " + line);
                List<String> previous = rows.put(m.group(1), List.of(m.group(2), m.group(3).strip(), m.group(4).strip()));
                assertEquals(null, previous, "listed twice: " + m.group(1));
            }
        }
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (ConfigKey key : new MemoryBackend().keys()) {
            assertTrue(key.name().startsWith(PREFIX), key.name() + " is not under " + PREFIX + ", where the table's check looks");
            List<String> cells = new ArrayList<>();
            cells.add(key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`");
            cells.add(key.range().isEmpty() ? rows.getOrDefault(key.name(), List.of("", "?")).get(1) : key.range());
            cells.add(key.description());
            declared.put(key.name(), cells);
        }
        assertEquals(declared, rows, "declared (expected) vs the README's telltale.memory.* rows (actual)");
    }
}
