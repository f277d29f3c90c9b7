package dev.telltale.internal;

/** The one rule for errors caught around user, backend or instrument code. */
public final class Fatal {

    private Fatal() {}

    /**
     * Rethrows {@code t} if it is fatal to the JVM ({@link VirtualMachineError}) or signals a
     * broken class path ({@link LinkageError}); every other throwable may be caught and reported.
     */
    public static void propagateIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError vme) {
            throw vme;
        }
        if (t instanceof LinkageError le) {
            throw le;
        }
    }
}
