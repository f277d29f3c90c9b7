package dev.telltale.agent.internal.sample;

/** Constructors chained by this(...) and super(...), one of which throws after super. */
public class Counted extends Named {

    public final int n;

    public Counted(int n) {
        super("counted" + n);
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        this.n = n;
    }

    public Counted() {
        this(7);
    }
}
