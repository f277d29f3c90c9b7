package dev.telltale.core;

import dev.telltale.core.internal.config.Values;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The backends found with {@link ServiceLoader}, by name. A provider that fails to load, or
 * whose keys are malformed, is reported and left out; it never stops the others.
 */
public final class Backends {

    private final Map<String, Backend> byName;

    private Backends(Map<String, Backend> byName) {
        this.byName = byName;
    }

    /** The backends visible from {@code loader} (and, on the module path, the boot layer). */
    public static Backends discover(ClassLoader loader, Consumer<String> warn) {
        Map<String, Backend> found = new LinkedHashMap<>();
        Iterator<Backend> it = ServiceLoader.load(Backend.class, loader).iterator();
        while (true) {
            Backend backend;
            try {
                if (!it.hasNext()) {
                    break;
                }
                backend = it.next();
            } catch (ServiceConfigurationError e) {
                warn.accept("a backend failed to load and is ignored: " + e.getMessage());
                continue;
            }
            add(backend, found, warn);
        }
        return new Backends(found);
    }

    /** Exactly these backends, for tests and embedders. */
    public static Backends of(List<Backend> backends, Consumer<String> warn) {
        Map<String, Backend> found = new LinkedHashMap<>();
        for (Backend backend : backends) {
            add(backend, found, warn);
        }
        return new Backends(found);
    }

    private static void add(Backend backend, Map<String, Backend> found, Consumer<String> warn) {
        String name;
        try {
            name = backend.name();
            String prefix = "telltale." + name + ".";
            for (ConfigKey key : backend.keys()) {
                if (!key.name().startsWith(prefix)) {
                    throw new IllegalStateException("its key " + key.name() + " is not under " + prefix);
                }
                Values.checkDeclaration(key);
            }
            for (ConfigKey key : backend.subscriptionOptions()) {
                if (!key.name().startsWith(prefix)) { // a null list or element fails here rather than in the monitor
                    throw new IllegalStateException("its option " + key.name() + " is not under " + prefix);
                }
            }
        } catch (RuntimeException e) {
            warn.accept("backend " + backend.getClass().getName() + " is ignored: " + e.getMessage());
            return;
        }
        Backend previous = found.putIfAbsent(name, backend);
        if (previous != null) {
            warn.accept("two backends are named '" + name + "': using " + previous.getClass().getName() + ", ignoring "
                    + backend.getClass().getName());
        }
    }

    /** The backend named {@code name}, or null. */
    public Backend named(String name) {
        return byName.get(name);
    }

    /** Every backend, in discovery order. */
    public List<Backend> all() {
        return List.copyOf(byName.values());
    }

    /** Their names. */
    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    /**
     * The backend to use when none is configured: {@code file} if present, else the only one,
     * else null (JFR only).
     */
    public Backend byDefault() {
        Backend file = byName.get("file");
        if (file != null) {
            return file;
        }
        return byName.size() == 1 ? byName.values().iterator().next() : null;
    }

    /** A message naming the backends available, for errors. */
    public String available() {
        List<String> names = new ArrayList<>(byName.keySet());
        names.sort(null);
        return names.isEmpty() ? "none (put telltale-backend-file or another backend on the class path)"
                : String.join(", ", names) + ", or none for JFR only";
    }
}
