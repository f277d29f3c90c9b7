package dev.telltale.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A finished span's tags: an immutable map in insertion order over the array of alternating keys
 * and values the span filled while it ran, kept without a copy (the span never writes to it after
 * it ended), so that ending a sampled span costs one small object here instead of a map copy.
 * {@link dev.telltale.trace.FinishedSpan} keeps it as it is. Safe to share between threads once
 * published with a happens-before edge (a queue, a final field). Not for applications; exported to
 * the core only.
 */
public final class TagMap extends AbstractMap<String, String> {

    private static final TagMap EMPTY = new TagMap(new String[0], 0);

    /** Alternating distinct non-null keys and non-null values; only the first {@code 2 * size} entries count. */
    private final String[] keysAndValues;
    private final int size;

    private TagMap(String[] keysAndValues, int size) {
        this.keysAndValues = keysAndValues;
        this.size = size;
    }

    /** No tags. */
    public static TagMap empty() {
        return EMPTY;
    }

    /**
     * The first {@code size} tags of {@code keysAndValues} (alternating distinct non-null keys and
     * non-null values), kept as they are: the caller must not change those entries afterwards.
     *
     * @throws IllegalArgumentException if {@code size} is negative or more than the array holds
     */
    public static TagMap wrap(String[] keysAndValues, int size) {
        if (size < 0 || size > keysAndValues.length / 2) {
            throw new IllegalArgumentException("size " + size + " does not fit an array of " + keysAndValues.length);
        }
        return size == 0 ? EMPTY : new TagMap(keysAndValues, size);
    }

    /** The key at {@code index}, from 0 to {@code size() - 1}. */
    public String key(int index) {
        return keysAndValues[index * 2];
    }

    /** The value at {@code index}. */
    public String value(int index) {
        return keysAndValues[index * 2 + 1];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : value(i);
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keysAndValues[i * 2].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(key(i), value(i));
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(key(i), value(i));
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
