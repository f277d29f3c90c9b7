package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import dev.telltale.tool.BackendSources;
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
 * The README's configuration table is the one place users look for settings; it must list
 * exactly the keys the core and the bundled backends declare, with their real defaults.
 */
class ConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(telltale\\.[^`]+)` \\| (`[^`]*`|\\(empty\\)) \\|");

    @Test
    void readmeTable_listsEveryDeclaredKey_withItsDefault_andNothingElse() throws Exception {
        Map<String, String> declared = new LinkedHashMap<>();
        List<ConfigKey> keys = new ArrayList<>(CoreKeys.ALL);
        for (Backend backend : BackendSources.present()) {
            keys.addAll(backend.keys());
        }
        for (ConfigKey key : keys) {
            declared.put(key.name(), key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`");
        }
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), m.group(2));
            }
        }
        assertEquals(declared, documented, "README configuration table vs declared keys");
    }
}
