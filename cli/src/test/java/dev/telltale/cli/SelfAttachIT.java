package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application started without {@code -javaagent} attaches a probe by name to its own method:
 * the core loads the agent into its JVM (SelfAttach, through a child process) when
 * telltale-agent.jar is on the class path or named by {@code telltale.agent.jar}, and otherwise
 * says how to enable it.
 */
class SelfAttachIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Path JARS = Path.of(System.getProperty("telltale.it.jars", "target/app-jars"));
    private static final Path AGENT = Path.of(System.getProperty("telltale.it.agent", "target/agent/telltale-agent.jar"));
    private static final String APP = """
            package sample;

            import dev.telltale.Telltale;
            import dev.telltale.probe.InstrumentSpec;
            import dev.telltale.probe.Probe;

            public class Self {
                static int work(int n) {
                    return n + 1;
                }

                public static void main(String[] args) {
                    Probe probe;
                    try {
                        probe = Telltale.global().probes().attach("sample.Self#work");
                    } catch (IllegalArgumentException e) {
                        System.out.println("refused: " + e.getMessage());
                        return;
                    }
                    probe.add(InstrumentSpec.counter("works").build());
                    int sum = 0;
                    for (int i = 0; i < 1000; i++) {
                        sum += work(i);
                    }
                    System.out.println("sum " + sum + ", hits " + probe.instruments().get(0).hits());
                }
            }
            """;

    @TempDir
    Path dir;

    private Path compile() throws Exception {
        Path classes = dir.resolve("classes");
        ChildJvm.compile(classes, Map.of("Self.java", APP), JARS.resolve("telltale-api.jar").toString());
        return classes;
    }

    private String classPath(Path classes, boolean withAgent) {
        List<String> entries = new ArrayList<>();
        for (String jar : List.of("telltale-api.jar", "telltale-core.jar", "telltale-backend-file.jar")) {
            entries.add(JARS.resolve(jar).toAbsolutePath().toString());
        }
        if (withAgent) {
            entries.add(AGENT.toAbsolutePath().toString());
        }
        entries.add(classes.toString());
        return String.join(File.pathSeparator, entries);
    }

    private String run(Path javaHome, List<String> args) throws Exception {
        try (ChildJvm app = ChildJvm.start(javaHome, dir, args)) {
            assertEquals(0, app.awaitExit(TIMEOUT), app.toString());
            return app.out();
        }
    }

    @Test
    void agentJarOnTheClassPath_probeByName_loadsTheAgentIntoItsOwnJvm() throws Exception {
        Path classes = compile();
        String out = run(Path.of(System.getProperty("java.home")),
                List.of("-XX:+EnableDynamicAgentLoading", "-cp", classPath(classes, true), "sample.Self"));
        assertEquals("sum 500500, hits 1000\n", out);
    }

    @Test
    void agentJarNamedBySetting_onJdk17_loadsTheAgentIntoItsOwnJvm() throws Exception {
        Path jdk17 = ChildJvm.jdk17();
        assumeTrue(jdk17 != null, "no JDK 17 in /usr/lib/jvm: self-attach on JDK 17 is not tested here");
        Path classes = compile();
        String out = run(jdk17, List.of("-Dtelltale.agent.jar=" + AGENT.toAbsolutePath(), "-cp", classPath(classes, false),
                "sample.Self"));
        assertEquals("sum 500500, hits 1000\n", out);
    }

    @Test
    void noAgentJar_probeByName_isRefused_sayingHowToEnableIt() throws Exception {
        Path classes = compile();
        String out = run(Path.of(System.getProperty("java.home")), List.of("-cp", classPath(classes, false), "sample.Self"));
        assertTrue(out.startsWith("refused: "), out);
        assertTrue(out.contains("no telltale-agent.jar was found: put it on the class path, or set telltale.agent.jar to its path,"
                + " or start the JVM with -javaagent:telltale-agent.jar"), out);
    }

    @Test
    void dynamicAgentLoadingDisabled_probeByName_isRefused_sayingToUseJavaagent() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "-XX:-EnableDynamicAgentLoading needs JDK 21+");
        Path classes = compile();
        String out = run(Path.of(System.getProperty("java.home")),
                List.of("-XX:-EnableDynamicAgentLoading", "-cp", classPath(classes, true), "sample.Self"));
        assertTrue(out.startsWith("refused: "), out);
        assertTrue(out.contains("it runs with -XX:-EnableDynamicAgentLoading; start it with -javaagent:telltale-agent.jar instead"),
                out);
    }
}
