package dev.telltale.cli;

import dev.telltale.spi.ConfigKey;
import java.util.Map;

/**
 * One demo setting that the environment may give too (the backend, the events file): its value
 * and where it came from. A flag wins over the system property {@code telltale.*}, which wins
 * over the environment variable {@code TELLTALE_*}, which wins over the demo's default, as for
 * the pipeline itself; a blank value counts as unset.
 *
 * @param value the value used
 * @param origin where it came from, for messages: {@code --backend}, {@code the environment
 *     variable TELLTALE_BACKEND}, {@code the default}
 * @param fromFlag whether a flag (or nothing, the default) gave it, so that the demo passes it
 *     to the pipeline itself; otherwise the pipeline reads it where the demo did
 * @param overridden what a flag overrode ({@code the environment variable TELLTALE_BACKEND=kafka}),
 *     or null
 */
record DemoSetting(String value, String origin, boolean fromFlag, String overridden) {

    /**
     * Resolves {@code key}: {@code flagValue} (from {@code flag}) when not null, else the system
     * property, else the environment variable, else {@code defaultValue}.
     */
    static DemoSetting resolve(String flag, String flagValue, String key, String defaultValue,
            Map<String, String> systemProperties, Map<String, String> environment) {
        String variable = ConfigKey.environmentName(key);
        String property = blankToNull(systemProperties.get(key));
        String env = blankToNull(environment.get(variable));
        String outside = property != null ? "the system property " + key + "=" + property
                : env != null ? "the environment variable " + variable + "=" + env : null;
        if (flagValue != null) {
            return new DemoSetting(flagValue, flag, true, outside);
        }
        if (property != null) {
            return new DemoSetting(property, "the system property " + key, false, null);
        }
        if (env != null) {
            return new DemoSetting(env, "the environment variable " + variable, false, null);
        }
        return new DemoSetting(defaultValue, "the default", true, null);
    }

    /** The start-up note for this setting, or null when there is nothing to say (a flag alone, or the default). */
    String note(String what) {
        if (overridden != null) {
            return origin + " " + value + " overrides " + overridden;
        }
        if (!fromFlag) {
            return what + " " + value + " comes from " + origin;
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
