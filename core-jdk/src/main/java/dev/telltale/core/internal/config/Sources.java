package dev.telltale.core.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The raw settings from each origin, before precedence and checking. {@link #read} takes them
 * from the running JVM; tests build them by hand.
 *
 * @param code settings given to the builder
 * @param systemProperties {@code telltale.*} system properties
 * @param environment {@code TELLTALE_*} environment variables
 * @param propertiesFile the entries of {@code telltale.properties}
 */
public record Sources(
        Map<String, String> code,
        Map<String, String> systemProperties,
        Map<String, String> environment,
        Map<String, String> propertiesFile) {

    /** The resource read from the class path. */
    public static final String PROPERTIES_RESOURCE = "telltale.properties";

    public Sources {
        code = Map.copyOf(code);
        systemProperties = Map.copyOf(systemProperties);
        environment = Map.copyOf(environment);
        propertiesFile = Map.copyOf(propertiesFile);
    }

    /** Settings given in code only. */
    public static Sources codeOnly(Map<String, String> code) {
        return new Sources(code, Map.of(), Map.of(), Map.of());
    }

    /**
     * Reads this JVM's system properties, environment and {@code telltale.properties} (when
     * {@code readEnvironment}), alongside {@code code}. Problems reading the file go to {@code
     * warn}; this never throws.
     */
    public static Sources read(Map<String, String> code, boolean readEnvironment, Consumer<String> warn) {
        if (!readEnvironment) {
            return codeOnly(code);
        }
        Map<String, String> system = new LinkedHashMap<>();
        Properties props = System.getProperties();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("telltale.")) {
                system.put(name, props.getProperty(name));
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("TELLTALE_")) {
                env.put(name, value);
            }
        });
        return new Sources(code, system, env, propertiesFile(warn));
    }

    private static Map<String, String> propertiesFile(Consumer<String> warn) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Sources.class.getClassLoader();
        }
        try {
            List<URL> urls = java.util.Collections.list(loader.getResources(PROPERTIES_RESOURCE));
            if (urls.isEmpty()) {
                return Map.of();
            }
            if (urls.size() > 1) {
                warn.accept("several " + PROPERTIES_RESOURCE + " on the class path; using " + urls.get(0)
                        + " and ignoring " + urls.subList(1, urls.size()));
            }
            Properties props = new Properties();
            try (InputStream in = urls.get(0).openStream()) {
                props.load(in);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (String name : props.stringPropertyNames()) {
                out.put(name, props.getProperty(name));
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            warn.accept("cannot read " + PROPERTIES_RESOURCE + ": " + e.getMessage() + "; ignoring it");
            return Map.of();
        }
    }
}
