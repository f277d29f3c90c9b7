package dev.telltale.internal;

/** Runs a class's static initializer, where the shared secrets in this package are registered. */
final class ClassInit {

    private ClassInit() {}

    static void ensure(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(type + " is loaded, so it can be found", e);
        }
    }
}
