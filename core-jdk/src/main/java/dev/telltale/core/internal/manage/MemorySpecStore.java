package dev.telltale.core.internal.manage;

import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store in this JVM's memory: {@code memory:NAME} opens the same store for the same name
 * everywhere in the JVM (so a test or an application can put specs that its own engine's manager
 * applies). Never fails, never blocks but on its own monitor. Thread-safe.
 */
public final class MemorySpecStore implements SpecStore {

    static final String SCHEME = "memory";
    private static final Map<String, MemorySpecStore> NAMED = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, String> specs = new TreeMap<>();
    private final Map<String, Map<String, String>> statuses = new TreeMap<>();
    private long revision;

    public MemorySpecStore(String name) {
        this.name = name;
    }

    /** The store named {@code name} in this JVM, made on first use. */
    public static MemorySpecStore named(String name) {
        return NAMED.computeIfAbsent(name, MemorySpecStore::new);
    }

    @Override
    public String address() {
        return SCHEME + ":" + name;
    }

    @Override
    public synchronized Map<String, String> specs() {
        return Map.copyOf(specs);
    }

    @Override
    public synchronized long revision() {
        return revision;
    }

    @Override
    public synchronized void put(String id, String json) {
        ProbeSpec.checkId(id);
        specs.put(id, json);
        revision++;
    }

    @Override
    public synchronized void remove(String id) {
        specs.remove(id);
        statuses.remove(id);
        revision++;
    }

    @Override
    public synchronized void report(String specId, String processId, String json) {
        statuses.computeIfAbsent(specId, k -> new TreeMap<>()).put(processId, json);
    }

    @Override
    public synchronized Map<String, Map<String, String>> statuses() {
        Map<String, Map<String, String>> copy = new HashMap<>();
        statuses.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    @Override
    public void close() {
        // the store lives as long as the JVM, for every user of its name
    }

    /** Opens {@code memory:NAME}. */
    public static final class Provider implements SpecStoreProvider {

        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public SpecStore open(String rest, SpecStoreOptions options) throws IOException {
            if (rest.isBlank()) {
                throw new IllegalArgumentException("a memory store needs a name: memory:NAME");
            }
            return named(rest);
        }
    }
}
