package dev.telltale.probe;

/**
 * One firing of a probe, as an {@link Instrument} sees it: valid only during {@link
 * Instrument#record}, on the thread that made the call. Do not keep it.
 */
public interface Hit {

    /** Which event fired. */
    ProbeEvent event();

    /** The probe's target. */
    Target target();

    /** The receiver, or null for a static method or a method handle. */
    Object self();

    /** The number of arguments. */
    int argCount();

    /**
     * The argument at {@code index}, boxed.
     *
     * @throws IndexOutOfBoundsException if there is no such argument
     */
    Object arg(int index);

    /** The result (boxed), on {@link ProbeEvent#RETURN}; null otherwise or for a void method. */
    Object result();

    /** The exception thrown, on {@link ProbeEvent#EXCEPTION}; null otherwise. */
    Throwable exception();

    /** Nanoseconds since the call began, on return and exception; 0 on call. */
    long elapsedNanos();

    /** The instrument's {@code value} expression evaluated for this hit, or null when it has none. */
    Object value();

    /** The thread making the call. */
    Thread thread();
}
