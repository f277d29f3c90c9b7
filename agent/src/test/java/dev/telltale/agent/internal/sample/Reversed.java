package dev.telltale.agent.internal.sample;

/** A constructor that creates another object before its super(...) call. */
public class Reversed extends Named {

    public Reversed(String s) {
        super(new StringBuilder(s).reverse().toString());
    }
}
