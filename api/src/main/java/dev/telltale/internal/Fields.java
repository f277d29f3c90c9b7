package dev.telltale.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields of an event made by a context: an immutable map over one array of keys and values,
 * in insertion order, that allows null values and can be walked by index without allocating
 * (what the queue's size estimate does on the application's thread). {@link dev.telltale.Event}
 * keeps it as it is, without a copy. Not for applications; exported to the core only.
 */
public final class Fields extends AbstractMap<String, Object> {

    private static final Fields EMPTY = new Fields(new Object[0]);

    /** Alternating keys (non-null strings) and values; never changed after construction. */
    private final Object[] keysAndValues;

    private Fields(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /** One field. */
    public static Fields of(String key, Object value) {
        return new Fields(new Object[] {key, value});
    }

    /**
     * The fields {@code keysAndValues} names, alternating distinct non-null {@code String} keys and
     * values, kept as they are (the caller must not change the array afterwards): for Telltale's
     * own events whose keys are known, such as a finished span's.
     *
     * @throws IllegalArgumentException if the length is odd or a key is not a string
     */
    public static Fields ofPairs(Object... keysAndValues) {
        if ((keysAndValues.length & 1) != 0) {
            throw new IllegalArgumentException("odd number of keys and values: " + keysAndValues.length);
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("key " + i / 2 + " is not a string: " + keysAndValues[i]);
            }
        }
        return new Fields(keysAndValues);
    }

    /**
     * A copy of {@code map} in its iteration order; a null key becomes {@code "null"}. When the
     * map has both a null key and {@code "null"}, the later of the two becomes {@code "null#2"}
     * (see {@link #uniqueKey}), so that no value is lost.
     */
    public static Fields copyOf(Map<String, ?> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        Object[] kv = new Object[map.size() * 2];
        int i = 0;
        boolean nullKey = false;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            nullKey |= e.getKey() == null;
            kv[i++] = e.getKey() == null ? "null" : e.getKey();
            kv[i++] = e.getValue();
        }
        if (nullKey) { // the only way two keys of a map can end up equal
            Set<String> taken = new HashSet<>();
            for (int k = 0; k < i; k += 2) {
                String key = uniqueKey((String) kv[k], taken::contains);
                taken.add(key);
                kv[k] = key;
            }
        }
        return new Fields(kv);
    }

    /**
     * {@code key} if {@code taken} does not hold it, else the first of {@code key#2}, {@code
     * key#3}, … that it does not hold: how a later key whose text equals an earlier one's is
     * renamed, here and in the JSON codec (docs/EVENTS.md). {@code taken} must hold finitely many
     * keys.
     */
    public static String uniqueKey(String key, Predicate<String> taken) {
        if (!taken.test(key)) {
            return key;
        }
        for (int n = 2; ; n++) { // ends: finitely many keys are taken
            String candidate = key + "#" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    /** The key at {@code index}, from 0 to {@code size() - 1}. */
    public String key(int index) {
        return (String) keysAndValues[index * 2];
    }

    /** The value at {@code index}. */
    public Object value(int index) {
        return keysAndValues[index * 2 + 1];
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    private int indexOf(Object key) {
        for (int i = 0, n = size(); i < n; i++) {
            if (keysAndValues[i * 2].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size();
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(key(i), value(i));
                    }
                };
            }

            @Override
            public int size() {
                return Fields.this.size();
            }
        };
    }
}
