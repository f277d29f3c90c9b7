package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.manage.SpecStores;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import dev.telltale.tool.BackendSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the one place users look for settings; it must list
 * exactly the keys the core, the bundled backends and the spec stores declare, each with its real
 * default, range and meaning. This module sees every one of them but the JUnit extension's
 * {@code memory} backend, whose rows {@code telltale-junit}'s {@code MemoryKeysTableTest} checks.
 */
class ConfigurationTableTest {

    /** Row prefixes another module's test checks, both ways: {@code telltale-junit}'s memory backend. */
    private static final List<String> CHECKED_ELSEWHERE = List.of("telltale.memory.");

    private static final Pattern ROW_START = Pattern.compile("^\\| `telltale\\.");
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(telltale\\.[^`]+)` \\| (`[^`]*`|\\(empty\\)) \\| ([^|]+) \\| ([^|]+) \\|$");

    @Test
    void readmeTable_listsEveryDeclaredKey_andNothingElse() throws Exception {
        List<String> problems = problems(declared(), readmeRows());
        assertTrue(problems.isEmpty(), "README configuration table:\n" + String.join("\n", problems));
    }

    @Test
    void declaredKeys_comeFromTheCore_everyBundledBackend_andEverySpecStoreThatHasSettings() {
        Set<String> prefixes = new TreeSet<>();
        for (String name : declared().keySet()) {
            prefixes.add(name.substring(0, name.indexOf('.', "telltale.".length()) + 1));
        }
        // a module missing from the class path would otherwise make its rows look undeclared, or
        // (if the README lost them too) pass unnoticed
        assertTrue(prefixes.containsAll(List.of("telltale.queue.", "telltale.file.", "telltale.amqp.",
                "telltale.kafka.", "telltale.probe.")), prefixes.toString());
        assertTrue(declared().containsKey("telltale.probe.store.kafka.topic"), "kafka spec store keys missing");
        assertTrue(declared().containsKey("telltale.probe.store.amqp.max-age"), "amqp spec store keys missing");
    }

    @Test
    void aRowMissing_anUndeclaredRow_orAStaleDefault_areEachReported() throws Exception {
        Map<String, Row> rows = readmeRows();
        Map<String, ConfigKey> declared = declared();
        assertEquals(List.of(), problems(declared, rows));

        Map<String, Row> missing = new LinkedHashMap<>(rows);
        missing.remove("telltale.probe.store.kafka.topic");
        assertEquals(List.of("declared but not in the table: telltale.probe.store.kafka.topic"), problems(declared, missing));

        Map<String, Row> extra = new LinkedHashMap<>(rows);
        extra.put("telltale.probe.store.kafka.group", new Row("(empty)", "a name", "a key nobody declares"));
        assertEquals(List.of("in the table but declared nowhere: telltale.probe.store.kafka.group"), problems(declared, extra));

        Map<String, Row> stale = new LinkedHashMap<>(rows);
        Row row = stale.get("telltale.queue.capacity");
        stale.put("telltale.queue.capacity", new Row("`4096`", "from 1 to 1024", row.meaning() + " (old)"));
        List<String> found = problems(declared, stale);
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.stream().allMatch(p -> p.startsWith("telltale.queue.capacity: ")), found.toString());
    }

    /** Every key this module can see declared: the core's, the backends' and the spec store providers'. */
    static Map<String, ConfigKey> declared() {
        List<ConfigKey> keys = new ArrayList<>(CoreKeys.ALL);
        for (Backend backend : BackendSources.present()) {
            keys.addAll(backend.keys());
        }
        List<String> refused = new ArrayList<>();
        keys.addAll(SpecStores.keys(refused::add));
        assertEquals(List.of(), refused, "spec store providers whose keys the core refuses");
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            ConfigKey previous = byName.put(key.name(), key);
            assertEquals(null, previous, "declared twice: " + key.name());
        }
        return byName;
    }

    /** The configuration table's rows by key, minus those checked elsewhere; fails on a malformed or repeated row. */
    static Map<String, Row> readmeRows() throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
            }
            if (!inSection || !ROW_START.matcher(line).find()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            assertTrue(m.matches(), "a row that is not | `key` | default | range or values | meaning |: " + line);
            String key = m.group(1);
            if (CHECKED_ELSEWHERE.stream().anyMatch(key::startsWith)) {
                continue;
            }
            Row previous = rows.put(key, new Row(m.group(2), m.group(3).strip(), m.group(4).strip()));
            assertEquals(null, previous, "listed twice: " + key);
        }
        assertTrue(rows.size() > 50, "the configuration table was not found in README.md: " + rows.keySet());
        return rows;
    }

    /**
     * What differs between the declarations and the rows, one line each: keys on one side only,
     * and for each key on both a default, a range or a meaning that is not the declared one.
     */
    static List<String> problems(Map<String, ConfigKey> declared, Map<String, Row> rows) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(declared.keySet())) {
            if (!rows.containsKey(name)) {
                problems.add("declared but not in the table: " + name);
            }
        }
        for (String name : new TreeSet<>(rows.keySet())) {
            if (!declared.containsKey(name)) {
                problems.add("in the table but declared nowhere: " + name);
            }
        }
        for (Map.Entry<String, ConfigKey> e : declared.entrySet()) {
            Row row = rows.get(e.getKey());
            if (row != null) {
                problems.addAll(rowProblems(e.getValue(), row));
            }
        }
        return problems;
    }

    /** A row's problems against its key's declaration. */
    static List<String> rowProblems(ConfigKey key, Row row) {
        List<String> problems = new ArrayList<>();
        String defaultValue = key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`";
        if (!row.defaultValue().equals(defaultValue)) {
            problems.add(key.name() + ": default " + row.defaultValue() + ", declared " + defaultValue);
        }
        String range = !key.range().isEmpty() ? key.range() : key.type() == ConfigKey.Type.BOOLEAN ? "true or false" : null;
        if (range != null && !row.range().equals(range)) {
            problems.add(key.name() + ": range or values '" + row.range() + "', declared '" + range + "'");
        }
        if (!row.meaning().replace("`", "").equals(key.description())) {
            problems.add(key.name() + ": meaning '" + row.meaning() + "', declared '" + key.description() + "'");
        }
        return problems;
    }

    /** A row's cells after the key: the default as written ({@code `8192`} or {@code (empty)}), the range or values, the meaning. */
    record Row(String defaultValue, String range, String meaning) {}
}
