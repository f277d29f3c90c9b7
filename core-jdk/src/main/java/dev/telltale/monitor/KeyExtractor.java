package dev.telltale.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks members out of a JSON document by name, wherever they are nested: {@code key} gives the
 * first member named {@code key} in breadth-first order, {@code *key} every one, in that order.
 * What {@code ./telltale monitor -k} prints.
 *
 * <p>Breadth-first means: the document's own members in order, then the members of the objects
 * (and the elements of the arrays) found there, level by level. So in {@code
 * {"a":{"elapsed":2},"elapsed":1}} the first {@code elapsed} is 1, where a depth-first search
 * would find 2 (contexture's monitor searched depth-first). A match whose value is an object or
 * array is searched too.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyExtractor {

    private final List<String> names;
    private final Map<String, Boolean> all;

    private KeyExtractor(List<String> names, Map<String, Boolean> all) {
        this.names = names;
        this.all = all;
    }

    /**
     * An extractor of {@code keys}: member names, each optionally prefixed by {@code *} for all
     * matches.
     *
     * @throws IllegalArgumentException if a key is empty or {@code *} alone, or a name is given
     *     twice (with or without {@code *})
     * @throws NullPointerException if {@code keys} or a key is null
     */
    public static KeyExtractor of(List<String> keys) {
        List<String> names = new ArrayList<>(keys.size());
        Map<String, Boolean> all = new HashMap<>();
        for (String key : keys) {
            Objects.requireNonNull(key, "key == null");
            boolean every = key.startsWith("*");
            String name = every ? key.substring(1) : key;
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty key name: '" + key + "'");
            }
            if (all.put(name, every) != null) {
                throw new IllegalArgumentException("key '" + name + "' given twice");
            }
            names.add(name);
        }
        return new KeyExtractor(List.copyOf(names), all);
    }

    /**
     * The keys found in {@code document} (maps, lists and plain values as the JSON reader makes
     * them), in the order the keys were given: for {@code key} the first value found, for {@code
     * *key} a list of every value found. Keys not found are absent; the map is empty when none is
     * found.
     */
    public Map<String, Object> extract(Object document) {
        Map<String, Object> found = new HashMap<>();
        int firstsLeft = 0;
        for (Boolean every : all.values()) {
            firstsLeft += every ? 0 : 1;
        }
        boolean anyAll = firstsLeft < all.size();
        ArrayDeque<Object> queue = new ArrayDeque<>();
        queue.add(document);
        while (!queue.isEmpty() && (anyAll || firstsLeft > 0)) {
            Object node = queue.poll();
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    Object value = member.getValue();
                    Boolean every = all.get(String.valueOf(member.getKey()));
                    if (every != null) {
                        String name = String.valueOf(member.getKey());
                        if (every) {
                            @SuppressWarnings("unchecked")
                            List<Object> values = (List<Object>) found.computeIfAbsent(name, k -> new ArrayList<>());
                            values.add(value);
                        } else if (!found.containsKey(name)) {
                            found.put(name, value);
                            firstsLeft--;
                        }
                    }
                    enqueue(queue, value);
                }
            } else if (node instanceof List<?> list) {
                for (Object element : list) {
                    enqueue(queue, element);
                }
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : names) {
            if (found.containsKey(name)) {
                ordered.put(name, found.get(name));
            }
        }
        return ordered;
    }

    private static void enqueue(ArrayDeque<Object> queue, Object value) {
        if (value instanceof Map || value instanceof List) {
            queue.add(value);
        }
    }

    /** The keys as given to {@link #of}. */
    @Override
    public String toString() {
        List<String> keys = new ArrayList<>(names.size());
        for (String name : names) {
            keys.add(all.get(name) ? "*" + name : name);
        }
        return "KeyExtractor" + keys;
    }
}
