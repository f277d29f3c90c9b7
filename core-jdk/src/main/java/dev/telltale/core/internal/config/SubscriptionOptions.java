package dev.telltale.core.internal.config;

import dev.telltale.spi.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's options resolved against the options a backend declares ({@code
 * Backend.subscriptionOptions()}), once, for every backend: each option named in full ({@code
 * telltale.file.follow}) or by its short name, the part after {@code telltale.<backend>.}
 * ({@code follow}); values checked against the option's type. The options come from the
 * subscription alone (like settings in code), so every problem is an error: {@link #resolve}
 * throws one {@link IllegalArgumentException} naming each unknown option (with a "did you mean"),
 * each option given twice and each malformed value.
 *
 * @param config the options' values, given or default, by full name
 * @param given the options given, by full name, their values stripped of surrounding blanks
 */
public record SubscriptionOptions(Config config, Map<String, String> given) {

    public SubscriptionOptions {
        given = Map.copyOf(given);
    }

    /**
     * Resolves {@code options} against {@code declared}, the options of backend {@code backend}.
     *
     * @throws IllegalArgumentException naming every unknown, repeated or malformed option
     */
    public static SubscriptionOptions resolve(String backend, List<ConfigKey> declared, Map<String, String> options) {
        String prefix = "telltale." + backend + ".";
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : declared) {
            byName.put(key.name(), key);
            if (key.name().startsWith(prefix)) {
                byName.putIfAbsent(key.name().substring(prefix.length()), key);
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> asGiven = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Config.Value> values = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            ConfigKey key = byName.get(name);
            if (key == null) {
                problems.add(unknown(name, backend, prefix, declared));
                return;
            }
            String shortName = shortName(key, prefix);
            String previous = asGiven.put(key.name(), name);
            if (previous != null) {
                problems.add("option " + shortName + " is given twice, as " + previous + " and " + name);
                return;
            }
            String text = value.strip();
            try {
                Values.check(key.type(), text);
            } catch (IllegalArgumentException e) {
                problems.add("option " + shortName + ": " + e.getMessage());
                return;
            }
            given.put(key.name(), text);
            values.put(key.name(), new Config.Value(text, Origin.CODE));
        });
        if (!problems.isEmpty()) {
            problems.sort(null); // the options' map has no order; the message should not change between runs
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, ConfigKey> keys = new LinkedHashMap<>();
        for (ConfigKey key : declared) {
            keys.put(key.name(), key);
        }
        return new SubscriptionOptions(new Config(keys, values), given);
    }

    private static String unknown(String name, String backend, String prefix, List<ConfigKey> declared) {
        List<String> known = new ArrayList<>();
        for (ConfigKey key : declared) {
            known.add(shortName(key, prefix));
        }
        StringBuilder message = new StringBuilder("unknown option '").append(name).append("' for the ")
                .append(backend).append(" backend (known: ")
                .append(known.isEmpty() ? "none" : String.join(", ", known)).append(")");
        String word = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        String best = Suggestions.closest(word, known, 3);
        if (best != null) {
            message.append("; did you mean ").append(best).append("?");
        }
        return message.toString();
    }

    private static String shortName(ConfigKey key, String prefix) {
        return key.name().startsWith(prefix) ? key.name().substring(prefix.length()) : key.name();
    }
}
