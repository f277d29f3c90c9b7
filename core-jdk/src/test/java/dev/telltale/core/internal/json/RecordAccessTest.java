package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that reflection may not read: its package is neither exported nor opened by its
 * module. The writer must fall back to {@code $repr} rather than fail or write half a record.
 */
class RecordAccessTest {

    @TempDir
    Path dir;

    @Test
    void record_inPackageItsModuleDoesNotOpen_writtenAsTypeAndRepr() throws Exception {
        Object secret = loadSecretFromModule();
        assertTrue(secret.getClass().isRecord());
        assertFalse(secret.getClass().getModule().isOpen("hidden.impl"));

        String first = Json.write(List.of(secret));
        String second = Json.write(List.of(secret));

        String expected = "[{\"$type\":\"hidden.impl.Secret\",\"$repr\":\"Secret[name=s, n=1]\"}]";
        assertEquals(expected, first);
        assertEquals(expected, second, "the refusal is remembered and handled the same way");
    }

    private Object loadSecretFromModule() throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        write(src.resolve("module-info.java"), "module hidden { exports hidden.api; }");
        write(src.resolve("hidden/api/Factory.java"),
                "package hidden.api; public final class Factory {"
                        + " public static Object secret() { return new hidden.impl.Secret(\"s\", 1); } }");
        write(src.resolve("hidden/impl/Secret.java"),
                "package hidden.impl; public record Secret(String name, int n) {}");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int status = javac.run(System.out, System.err, "-d", out.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("hidden/api/Factory.java").toString(),
                src.resolve("hidden/impl/Secret.java").toString());
        assertEquals(0, status, "javac");

        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration()
                .resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of("hidden"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration, getClass().getClassLoader());
        Class<?> factory = layer.findLoader("hidden").loadClass("hidden.api.Factory");
        return factory.getMethod("secret").invoke(null);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
