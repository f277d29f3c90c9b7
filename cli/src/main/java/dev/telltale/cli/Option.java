package dev.telltale.cli;

/**
 * One command-line option.
 *
 * @param name the long name without dashes, e.g. {@code duration}
 * @param shortName the one-letter name, or 0 for none
 * @param valueName what the value is called in help ({@code DURATION}), or null for a flag
 * @param repeatable whether it may be given more than once (values are collected)
 * @param help one line for the help text, with its default
 */
record Option(String name, char shortName, String valueName, boolean repeatable, String help) {

    static Option flag(String name, char shortName, String help) {
        return new Option(name, shortName, null, false, help);
    }

    static Option value(String name, char shortName, String valueName, String help) {
        return new Option(name, shortName, valueName, false, help);
    }

    static Option values(String name, char shortName, String valueName, String help) {
        return new Option(name, shortName, valueName, true, help);
    }

    boolean takesValue() {
        return valueName != null;
    }

    /** {@code -d, --duration DURATION}, for help. */
    String synopsis() {
        String s = (shortName != 0 ? "-" + shortName + ", " : "    ") + "--" + name;
        return takesValue() ? s + " " + valueName + (repeatable ? "..." : "") : s;
    }
}
