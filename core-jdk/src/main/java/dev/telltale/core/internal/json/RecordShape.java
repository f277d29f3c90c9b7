package dev.telltale.core.internal.json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The component names and accessors of one record class, looked up once per class.
 * Thread-safe.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES =
            new ClassValue<>() {
                @Override
                protected RecordShape computeValue(Class<?> type) {
                    return new RecordShape(type);
                }
            };

    private final String[] names;
    private final Method[] accessors;
    /** Set once reflection has been refused; the record is then written as {@code $repr}. */
    private volatile boolean inaccessible;

    private RecordShape(Class<?> type) {
        RecordComponent[] components = null;
        try {
            components = type.getRecordComponents();
        } catch (SecurityException e) {
            inaccessible = true;
        }
        if (components == null) {
            components = new RecordComponent[0];
            inaccessible = true;
        }
        names = new String[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            accessors[i] = components[i].getAccessor();
            try {
                // Opens private records in open packages; a public record in an exported
                // package is readable without it, others are refused when read.
                accessors[i].trySetAccessible();
            } catch (SecurityException e) {
                // left as is: read() reports the refusal
            }
        }
    }

    static RecordShape of(Class<?> recordClass) {
        return SHAPES.get(recordClass);
    }

    int size() {
        return names.length;
    }

    String name(int index) {
        return names[index];
    }

    /** False once reading a component has been refused for lack of access. */
    boolean readable() {
        return !inaccessible;
    }

    /**
     * Reads component {@code index} of {@code record}.
     *
     * @throws InvocationTargetException if the accessor threw
     * @throws IllegalAccessException if reflection was refused; this shape is then no longer
     *     {@link #readable()}
     */
    Object read(Record record, int index) throws InvocationTargetException, IllegalAccessException {
        try {
            return accessors[index].invoke(record);
        } catch (IllegalAccessException e) {
            inaccessible = true;
            throw e;
        }
    }
}
