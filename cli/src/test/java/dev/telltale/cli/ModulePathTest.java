package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Telltale;
import dev.telltale.monitor.Monitor;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line uses only what the API and the core export, so that it can run on the module
 * path: its sources compile as a module that reads {@code dev.telltale.core} (and through it
 * {@code dev.telltale.api}), with the core's built classes on the module path, where an import
 * of an unexported package ({@code dev.telltale.core.internal...}) fails as "not visible".
 */
class ModulePathTest {

    /** What a {@code module-info.java} of the command line would say. */
    private static final String MODULE_INFO = """
            module dev.telltale.cli {
                requires dev.telltale.core;
                requires java.logging;
                requires jdk.jfr;
                requires jdk.attach; // ./telltale probe loads the agent into other JVMs
                requires jdk.httpserver; // the traced HTTP services of the demo and tracecontext-service
                requires java.net.http;
            }
            """;

    @Test
    void cliSources_compileAsAModule_againstTheExportedPackagesOnly(@TempDir Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        Path moduleInfo = Files.writeString(dir.resolve("module-info.java"), MODULE_INFO);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none",
                "-d", dir.resolve("classes").toString(),
                "--module-path", location(Telltale.class) + File.pathSeparator + location(Monitor.class),
                moduleInfo.toString()));
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        assertTrue(args.size() > 12, "the command line's sources are found: " + args);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        assertEquals(0, status, "javac on the module path:\n" + messages.toString(StandardCharsets.UTF_8));
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
