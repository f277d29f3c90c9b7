package dev.telltale.agent.internal.sample;

/** A base class whose constructor sets what its subclasses' hooks should already see. */
public class Named {

    private final String name;

    public Named(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Needs the common superclass of two subclasses where the branches join. */
    public static String pick(boolean first) {
        Named n = first ? new Counted(1) : new Reversed("ab");
        return n.name();
    }
}
