package dev.telltale.probe;

/** When an instrument fires, relative to the probed call. */
public enum ProbeEvent {
    /** Before the target runs, with its arguments and receiver. */
    CALL,
    /** After the target returned normally, with its result and elapsed time. */
    RETURN,
    /** After the target threw, with the exception and elapsed time. The exception propagates unchanged. */
    EXCEPTION
}
