package dev.telltale.core.internal.config;

/** Where a configuration value came from, in order of precedence (first wins). */
public enum Origin {
    CODE("set in code"),
    SYSTEM_PROPERTY("system property"),
    ENVIRONMENT("environment variable"),
    PROPERTIES_FILE("telltale.properties"),
    DEFAULT("default");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    /** How error messages name this origin. */
    public String label() {
        return label;
    }
}
