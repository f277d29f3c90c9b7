package dev.telltale.agent.internal;

import dev.telltale.Telltale;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The pipeline the agent's probes publish through: the application's {@link Telltale#global()}
 * if it started one by the agent's first request, else one of the agent's own (not the global
 * one, so that the application can still build that), configured by the request's {@code
 * telltale.*} keys over the JVM's own configuration, with the file backend at {@code <working
 * directory>/telltale-out/events.jsonl} unless those say otherwise.
 */
final class AgentPipeline {

    private static Telltale pipeline; // guarded by AgentPipeline.class
    private static String where; // guarded by AgentPipeline.class
    private static String managerStore; // guarded by AgentPipeline.class

    private AgentPipeline() {}

    /** The pipeline; the first request's telltale.* keys configure it if the agent starts it. */
    static synchronized Telltale get(Properties request) {
        if (pipeline != null) {
            return pipeline;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : request.stringPropertyNames()) {
            if (key.startsWith("telltale.")) {
                settings.put(key, request.getProperty(key).trim());
            }
        }
        String backend = setting(settings, "telltale.backend");
        if (backend == null) {
            settings.put("telltale.backend", "file");
            backend = "file";
        }
        String file = null;
        if (backend.equals("file")) {
            file = setting(settings, "telltale.file.path");
            if (file == null) {
                file = Path.of(System.getProperty("user.dir"), "telltale-out", "events.jsonl").toString();
                settings.put("telltale.file.path", file);
            }
        }
        Telltale global = startedGlobal();
        if (global != null) {
            pipeline = global;
            where = "the application's own Telltale pipeline (its configured backend)";
            return pipeline;
        }
        Telltale.Builder b = Telltale.builder();
        settings.forEach(b::set);
        pipeline = b.build(); // not made the global one: the application may still build its own
        managerStore = setting(settings, AgentManager.KEY);
        where = backend.equals("file") ? Path.of(file).toAbsolutePath().toString()
                : "the " + backend + " backend (" + (backend.equals("none") ? "JFR only" : "as configured") + ")";
        return pipeline;
    }

    /**
     * The global pipeline if the application started it, else null: read from {@code
     * Telltale}'s field, since {@link Telltale#global()} would start one. Null too when the field
     * cannot be read (the API in a named module that does not open it).
     */
    private static Telltale startedGlobal() {
        try {
            Field f = Telltale.class.getDeclaredField("global");
            if (!f.trySetAccessible()) {
                return null;
            }
            return (Telltale) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Where the events go, once {@link #get} ran. */
    /** The spec store the agent's own pipeline runs a probe manager on, or null. */
    static synchronized String managerStore() {
        return managerStore;
    }

    static synchronized String where() {
        return where;
    }

    private static String setting(Map<String, String> request, String key) {
        String v = request.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        if (v == null) {
            v = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
