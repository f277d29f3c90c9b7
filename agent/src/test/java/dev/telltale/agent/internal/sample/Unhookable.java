package dev.telltale.agent.internal.sample;

/** Methods without code, which no rewriter can hook. */
public abstract class Unhookable {

    public abstract int noBody();

    public native int nativeBody();

    public int hookable() {
        return 1;
    }
}
