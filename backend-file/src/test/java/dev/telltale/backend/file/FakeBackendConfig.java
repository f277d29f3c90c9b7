package dev.telltale.backend.file;

import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link BackendConfig} over a map of strings, answering declared keys with their defaults,
 * as the pipeline's own would after checking the values.
 */
final class FakeBackendConfig implements BackendConfig {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB|KB|MB|GB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, ConfigKey> declared = new LinkedHashMap<>();
    private final Map<String, String> values;

    FakeBackendConfig(List<ConfigKey> keys, Map<String, String> values) {
        keys.forEach(k -> declared.put(k.name(), k));
        this.values = new HashMap<>(values);
    }

    /** The file backend's keys, with {@code values} set. */
    static FakeBackendConfig file(Map<String, String> values) {
        return new FakeBackendConfig(new FileBackend().keys(), values);
    }

    @Override
    public String string(String key) {
        ConfigKey declaredKey = declared.get(key);
        if (declaredKey == null) {
            throw new IllegalArgumentException("undeclared key " + key);
        }
        return values.getOrDefault(key, declaredKey.defaultValue());
    }

    @Override
    public boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " is not a boolean: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    @Override
    public int integer(String key) {
        return Integer.parseInt(string(key).trim());
    }

    @Override
    public Duration duration(String key) {
        String value = string(key).trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " is not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    @Override
    public long size(String key) {
        String value = string(key).trim();
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " is not a size: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            case "KB" -> n * 1_000;
            case "MB" -> n * 1_000_000;
            case "GB" -> n * 1_000_000_000;
            default -> n;
        };
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v);
            }
        });
        return found;
    }

    @Override
    public String host() {
        return "test-host";
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public ThreadFactory threadFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "telltale-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void internalThreads(String prefix) {
    }
}
