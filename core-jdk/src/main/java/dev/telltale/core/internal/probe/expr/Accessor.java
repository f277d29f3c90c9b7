package dev.telltale.core.internal.probe.expr;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

/**
 * How to read one property of objects of one class, found once by {@link Members}. Immutable
 * (so it may be published through a racy field).
 */
abstract class Accessor {

    private static final Object[] NO_ARGS = {};

    /** The class whose instances this reads. */
    final Class<?> type;

    Accessor(Class<?> type) {
        this.type = type;
    }

    /**
     * The property of {@code target}, an instance of {@link #type}.
     *
     * @throws EvaluationException if it cannot be read, or its getter threw
     */
    abstract Object read(Object target, String where);

    /** A no-arg method: a record component's accessor or a getter. */
    static final class Getter extends Accessor {

        private final Method method;

        Getter(Class<?> type, Method method) {
            super(type);
            this.method = method;
        }

        @Override
        Object read(Object target, String where) {
            try {
                return method.invoke(target, NO_ARGS);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw EvaluationException.threw(where, Describe.type(type) + "." + method.getName() + "()", cause);
            } catch (Throwable t) {
                throw EvaluationException.threw(where, "calling " + Describe.type(type) + "." + method.getName() + "()", t);
            }
        }
    }

    /** A public instance field. */
    static final class FieldRead extends Accessor {

        private final Field field;

        FieldRead(Class<?> type, Field field) {
            super(type);
            this.field = field;
        }

        @Override
        Object read(Object target, String where) {
            try {
                return field.get(target);
            } catch (Throwable t) {
                throw EvaluationException.threw(where, "reading field " + Describe.type(type) + "." + field.getName(), t);
            }
        }
    }

    /** {@code size} of a collection or map, {@code length} of an array or text. */
    static final class Size extends Accessor {

        Size(Class<?> type) {
            super(type);
        }

        @Override
        Object read(Object target, String where) {
            try {
                if (target instanceof Collection<?> c) {
                    return (long) c.size();
                }
                if (target instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                if (target instanceof CharSequence s) {
                    return (long) s.length();
                }
                return (long) Array.getLength(target);
            } catch (Throwable t) {
                throw EvaluationException.threw(where, "the size of " + Describe.type(type), t);
            }
        }
    }

    /** A property that does not exist or may not be read: reading it always fails, the same way. */
    static final class Refused extends Accessor {

        private final String reason;

        Refused(Class<?> type, String reason) {
            super(type);
            this.reason = reason;
        }

        @Override
        Object read(Object target, String where) {
            throw new EvaluationException("'" + where + "': " + reason);
        }
    }
}
