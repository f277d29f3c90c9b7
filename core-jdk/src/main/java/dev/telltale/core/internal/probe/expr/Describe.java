package dev.telltale.core.internal.probe.expr;

import dev.telltale.internal.Fatal;

/** How evaluation errors name types and values. Only called once something has failed. */
final class Describe {

    private static final int MAX = 40;

    private Describe() {}

    /** {@code String}, {@code Long} for {@code java.lang} types, the full name otherwise. */
    static String type(Class<?> type) {
        if (type.isArray()) {
            return type(type.getComponentType()) + "[]";
        }
        return type.getPackageName().equals("java.lang") ? type.getSimpleName() : type.getName();
    }

    /** A value with its type: {@code String "PAID"}, {@code Long 5}, {@code null}. */
    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        String shown;
        try {
            shown = String.valueOf(value);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            shown = "(toString() threw " + t.getClass().getName() + ")";
        }
        if (shown.length() > MAX) {
            shown = shown.substring(0, MAX) + "...";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            shown = "\"" + shown + "\"";
        }
        return type(value.getClass()) + " " + shown;
    }
}
