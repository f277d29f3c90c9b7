package dev.telltale.core.internal.config;

import dev.telltale.spi.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves a {@link Config} from {@link Sources} against a {@link Schema}: code wins over system
 * properties, which win over the environment, which wins over {@code telltale.properties}, which
 * wins over the defaults.
 *
 * <p>Unknown keys, malformed values and values out of their key's range are never ignored silently. Those set in code make
 * {@link #load} throw one {@link IllegalArgumentException} naming every problem; those from the
 * environment are reported through {@code warn} (one line each) and replaced by the value of the
 * next origin, or the default.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    public static Config load(Sources sources, Schema schema, Consumer<String> warn) {
        Map<String, ConfigKey> declared = schema.byName();
        List<String> codeProblems = new ArrayList<>();
        Map<String, Config.Value> resolved = new LinkedHashMap<>();
        // lowest precedence first, so that later puts win
        apply(sources.propertiesFile(), Origin.PROPERTIES_FILE, schema, declared, resolved, warn, codeProblems);
        apply(fromEnvironment(sources.environment(), schema, warn), Origin.ENVIRONMENT, schema, declared, resolved,
                warn, codeProblems);
        apply(sources.systemProperties(), Origin.SYSTEM_PROPERTY, schema, declared, resolved, warn, codeProblems);
        apply(sources.code(), Origin.CODE, schema, declared, resolved, warn, codeProblems);
        if (!codeProblems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", codeProblems));
        }
        return new Config(declared, resolved);
    }

    private static void apply(Map<String, String> settings, Origin origin, Schema schema,
            Map<String, ConfigKey> declared, Map<String, Config.Value> resolved, Consumer<String> warn,
            List<String> codeProblems) {
        Consumer<String> report = origin == Origin.CODE ? codeProblems::add : warn;
        settings.forEach((name, value) -> {
            if (!schema.accepts(name)) {
                report.accept(unknown(name, origin, schema));
                return;
            }
            ConfigKey key = declared.get(name);
            if (key != null) {
                try {
                    Values.check(key, value);
                } catch (IllegalArgumentException e) {
                    String fallback = resolved.containsKey(name) ? resolved.get(name).text() : key.defaultValue();
                    report.accept(name + " (" + origin.label() + "): " + e.getMessage()
                            + (origin == Origin.CODE ? "" : "; using " + quoted(fallback) + " instead"));
                    return;
                }
            }
            resolved.put(name, new Config.Value(value, origin));
        });
    }

    /** Maps {@code TELLTALE_*} variables to keys; unknown variables are reported and dropped. */
    private static Map<String, String> fromEnvironment(Map<String, String> env, Schema schema, Consumer<String> warn) {
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys()) {
            byEnvName.put(key.environmentName(), key.name());
        }
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((variable, value) -> {
            String name = byEnvName.get(variable);
            if (name == null) {
                name = underOpenPrefix(variable, schema);
            }
            if (name == null) {
                warn.accept("unknown environment variable " + variable + ": it names no Telltale configuration key"
                        + suggestion(variable.toLowerCase(Locale.ROOT).replace('_', '.'), schema) + "; ignoring it");
            } else {
                out.put(name, value);
            }
        });
        return out;
    }

    private static String underOpenPrefix(String variable, Schema schema) {
        for (String prefix : schema.openPrefixes()) {
            String envPrefix = ConfigKey.environmentName(prefix);
            if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                return prefix + variable.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
        }
        return null;
    }

    private static String unknown(String name, Origin origin, Schema schema) {
        StringBuilder message = new StringBuilder("unknown configuration key ").append(name)
                .append(" (").append(origin.label()).append(")");
        String backend = backendWord(name);
        if (backend != null && !schema.backendNames().contains(backend) && !isCoreSection(backend, schema)) {
            message.append(": no backend named '").append(backend).append("' is present (available: ")
                    .append(schema.backendNames().isEmpty() ? "none" : String.join(", ", sorted(schema)))
                    .append(")");
        } else {
            message.append(suggestion(name, schema));
        }
        if (origin != Origin.CODE) {
            message.append("; ignoring it");
        }
        return message.toString();
    }

    private static boolean isCoreSection(String word, Schema schema) {
        String prefix = "telltale." + word + ".";
        for (ConfigKey key : schema.keys()) {
            if (key.name().startsWith(prefix) || key.name().equals("telltale." + word)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sorted(Schema schema) {
        List<String> names = new ArrayList<>(schema.backendNames());
        names.sort(null);
        return names;
    }

    /** The word after {@code telltale.} when the key has at least three words. */
    private static String backendWord(String name) {
        if (!name.startsWith("telltale.")) {
            return null;
        }
        String rest = name.substring("telltale.".length());
        int dot = rest.indexOf('.');
        return dot > 0 ? rest.substring(0, dot) : null;
    }

    private static String suggestion(String name, Schema schema) {
        java.util.List<String> names = new ArrayList<>();
        for (ConfigKey key : schema.keys()) {
            names.add(key.name());
        }
        String best = Suggestions.closest(name, names, 4);
        return best == null ? "" : "; did you mean " + best + "?";
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
