package dev.telltale.agent.internal;

import dev.telltale.core.internal.probe.Weaving;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Sets the agent up once per JVM: puts the bridge ({@code dev.telltale.agent.bridge}) on the
 * bootstrap search path so that methods of any loader and module can call it, registers the
 * retransform-capable transformer, sends the bridge's calls to the core's probe points and
 * registers the {@link AgentWeaver} with {@link Weaving}; then starts a probe manager if the
 * argument ({@code store=ADDRESS}) or the JVM's setting names a spec store ({@link
 * AgentManager}), and runs the request if the argument names one. Changes no class.
 *
 * <p>This class names no bridge type (so that none is loaded before the bridge is on the
 * bootstrap path); {@link Bridge} does that.
 */
public final class AgentRuntime {

    private static final String[] BRIDGE_CLASSES = {"dev/telltale/agent/bridge/Hooks.class",
        "dev/telltale/agent/bridge/Dispatch.class"};
    private static boolean started; // guarded by AgentRuntime.class
    private static volatile Instrumentation instrumentation;

    private AgentRuntime() {}

    /** premain and agentmain: never throws into the JVM. */
    public static void start(String args, Instrumentation inst) {
        try {
            setUp(inst);
        } catch (Throwable t) {
            System.err.println("telltale agent: cannot start: " + t);
            Requests.failEarly(args, "the agent cannot start in this JVM: " + t);
            return;
        }
        AgentManager.startFromArgs(args);
        Requests.runFromArgs(args);
    }

    private static synchronized void setUp(Instrumentation inst) throws IOException, ClassNotFoundException {
        exportCore(inst); // before this class touches the core's probe package
        if (started || Weaving.weaver() != null) {
            started = true;
            return;
        }
        if (!inst.isRetransformClassesSupported()) {
            throw new IllegalStateException("this JVM cannot retransform classes");
        }
        instrumentation = inst;
        appendBridge(inst);
        String setting = System.getProperty("telltale.agent.rewriter");
        if (setting == null) {
            setting = System.getenv(dev.telltale.spi.ConfigKey.environmentName("telltale.agent.rewriter"));
        }
        Rewriter rewriter = Rewriters.choose(setting == null ? "auto" : setting);
        Module bridge = Bridge.module();
        WeavingTransformer transformer = new WeavingTransformer(inst, rewriter, bridge);
        inst.addTransformer(transformer, true);
        Bridge.install();
        Weaving.install(new AgentWeaver(inst, transformer, rewriter));
        started = true;
    }

    /** The instrumentation the agent started with, or null; for tests. */
    static Instrumentation instrumentation() {
        return instrumentation;
    }

    /** Writes the bridge's classes to a small jar and appends it to the bootstrap search path. */
    private static void appendBridge(Instrumentation inst) throws IOException {
        Path jar = Files.createTempFile("telltale-bridge-", ".jar");
        jar.toFile().deleteOnExit();
        ClassLoader own = AgentRuntime.class.getClassLoader();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String name : BRIDGE_CLASSES) {
                try (InputStream in = own.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the agent jar has no " + name);
                    }
                    j.putNextEntry(new JarEntry(name));
                    in.transferTo(j);
                    j.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    /**
     * When Telltale's core is a named module (an application on the module path), lets the
     * agent's classes (the class path's unnamed module) reach its probe package.
     */
    private static void exportCore(Instrumentation inst) throws ClassNotFoundException {
        // by name: a class literal would be an access the module does not allow yet
        Class<?> weaving = Class.forName("dev.telltale.core.internal.probe.Weaving", false, AgentRuntime.class.getClassLoader());
        Module core = weaving.getModule();
        Module agent = AgentRuntime.class.getModule();
        if (core.isNamed() && !core.isExported(weaving.getPackageName(), agent)) {
            inst.redefineModule(core, Set.of(), Map.of(weaving.getPackageName(), Set.of(agent)), Map.of(), Set.of(),
                    Map.of());
        }
    }
}
