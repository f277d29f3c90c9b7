package dev.telltale.agent.internal.sample;

import java.util.ArrayList;
import java.util.List;

/** A class with a static initializer. */
public class Registry {

    public static final List<String> NAMES = new ArrayList<>();

    static {
        NAMES.add("first");
        if (NAMES.size() > 5) {
            throw new IllegalStateException("never");
        }
    }

    public static int size() {
        return NAMES.size();
    }
}
