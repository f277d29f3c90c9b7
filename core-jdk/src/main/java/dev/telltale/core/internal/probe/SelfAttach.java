package dev.telltale.core.internal.probe;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loads Telltale's agent into this JVM, dormant, so that a probe can name any method ({@code
 * "com.acme.Orders#checkout"}) in an application started without {@code -javaagent}.
 *
 * <p>A JVM may not attach to itself (unless started with {@code -Djdk.attach.allowAttachSelf=true}),
 * so a short child process does it: {@code <java.home>/bin/java -cp <agent jar>
 * dev.telltale.agent.attach.AttachMain <this pid>}, given at most {@link #TIMEOUT_SECONDS}. The
 * agent jar is the setting {@code telltale.agent.jar} (system property, {@code TELLTALE_AGENT_JAR} or
 * {@code telltale.properties}), else a {@code telltale-agent*.jar} on {@code java.class.path}.
 *
 * <p>Blocks the calling thread while the child runs (about a second); one call at a time. Never
 * throws: what stops it comes back as a sentence saying how to enable it.
 */
public final class SelfAttach {

    /** The setting naming the agent jar. */
    static final String JAR_KEY = CoreKeys.AGENT_JAR.name();
    /** The longest the child process may take. */
    static final long TIMEOUT_SECONDS = 30;
    static final String ATTACH_MAIN = "dev.telltale.agent.attach.AttachMain";

    private SelfAttach() {}

    /**
     * Loads the agent into this JVM.
     *
     * @return null when the agent was loaded, else why not and how to enable it, one paragraph
     */
    public static synchronized String load() {
        try {
            return loadAgent();
        } catch (RuntimeException | LinkageError e) {
            return "could not load Telltale's agent into this JVM (" + e + ")" + HOW;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while loading Telltale's agent into this JVM" + HOW;
        }
    }

    private static final String HOW = "; start the JVM with -javaagent:telltale-agent.jar to have it from the start";

    private static String loadAgent() throws InterruptedException {
        Path jar;
        try {
            jar = agentJar(setting(), System.getProperty("java.class.path", ""));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (jar == null) {
            return "naming a method needs Telltale's agent, and no telltale-agent.jar was found: put it on the class path, "
                    + "or set " + JAR_KEY + " to its path, or start the JVM with -javaagent:telltale-agent.jar";
        }
        String refused = refused();
        if (refused != null) {
            return refused;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            return "cannot load Telltale's agent into this JVM: " + java + " is not there to run the attaching process"
                    + " (a runtime image without the java launcher?); start it with -javaagent:" + jar;
        }
        return run(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(),
                ATTACH_MAIN, Long.toString(ProcessHandle.current().pid())), jar);
    }

    /** The agent jar: {@code setting} when given (it must exist), else one on {@code classPath}, else null. */
    static Path agentJar(String setting, String classPath) {
        if (setting != null && !setting.isBlank()) {
            Path p;
            try {
                p = Path.of(setting.strip());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(JAR_KEY + "='" + setting + "' is not a path: " + e.getMessage());
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(JAR_KEY + "=" + setting + " is not a file: set it to the path of "
                        + "telltale-agent.jar, or start the JVM with -javaagent:telltale-agent.jar");
            }
            return p;
        }
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(entry);
                Path name = p.getFileName();
                if (name != null && name.toString().startsWith("telltale-agent") && name.toString().endsWith(".jar")
                        && Files.isRegularFile(p)) {
                    return p;
                }
            } catch (InvalidPathException ignored) {
                // not a path this JVM could have used either
            }
        }
        return null;
    }

    /** {@code telltale.agent.jar} from the system properties, the environment or {@code telltale.properties}. */
    private static String setting() {
        Sources s = Sources.read(Map.of(), true, warning -> { });
        String v = s.systemProperties().get(JAR_KEY);
        if (v == null) {
            v = s.environment().get(JAR_KEY.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return v != null ? v : s.propertiesFile().get(JAR_KEY);
    }

    /** Why this JVM cannot have an agent loaded later, or null. */
    private static String refused() {
        if (ModuleFinder.ofSystem().find("jdk.attach").isEmpty()) {
            return "cannot load Telltale's agent into this JVM: its runtime has no jdk.attach module (a jlink image?);"
                    + " add it (jlink --add-modules jdk.attach) or start the JVM with -javaagent:telltale-agent.jar";
        }
        HotSpotDiagnosticMXBean hotspot;
        try {
            hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot: let the attach itself say
        }
        if (hotspot == null) {
            return null;
        }
        if ("false".equals(option(hotspot, "EnableDynamicAgentLoading"))) {
            return "cannot load Telltale's agent into this JVM: it runs with -XX:-EnableDynamicAgentLoading; start it"
                    + " with -javaagent:telltale-agent.jar instead (or drop that option)";
        }
        if ("true".equals(option(hotspot, "DisableAttachMechanism"))) {
            return "cannot load Telltale's agent into this JVM: it runs with -XX:+DisableAttachMechanism; start it"
                    + " with -javaagent:telltale-agent.jar instead (or drop that option)";
        }
        return null;
    }

    private static String option(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null; // JDK 17 has no EnableDynamicAgentLoading: loading is allowed there
        }
    }

    /** Runs the attaching process, bounded in time; null when it loaded the agent. */
    static String run(List<String> command, Path jar) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close(); // it reads nothing
        } catch (IOException e) {
            return "cannot start the process that loads Telltale's agent (" + e.getMessage() + "); start the JVM with -javaagent:"
                    + jar;
        }
        Output output = new Output(p.getInputStream());
        output.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return "loading Telltale's agent into this JVM took over " + TIMEOUT_SECONDS + " s and was given up;"
                        + " start the JVM with -javaagent:" + jar;
            }
            output.join(TimeUnit.SECONDS.toMillis(5));
            if (p.exitValue() == 0) {
                return null;
            }
            String said = output.text().strip().replace(System.lineSeparator(), "; ");
            return "could not load Telltale's agent into this JVM: " + (said.isEmpty() ? "exit status " + p.exitValue() : said)
                    + "; start the JVM with -javaagent:" + jar + " instead";
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    /** Reads the child's output (a few lines at most; the first 8 KiB kept) so it never blocks on a full pipe. */
    private static final class Output extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Output(InputStream in) {
            super("telltale-self-attach-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[1024];
            try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (kept) {
                        kept.write(buf, 0, Math.max(0, Math.min(n, 8192 - kept.size())));
                    }
                }
            } catch (IOException | UncheckedIOException ignored) {
                // the process ended or was destroyed; what was read is kept
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(Charset.defaultCharset());
            }
        }
    }
}
