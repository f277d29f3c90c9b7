package dev.telltale.core.internal.probe;

/**
 * Loads the Telltale agent into this JVM when a probe names a method of a class and no agent is
 * loaded yet. (Placeholder until the self-attach is written: it says how to load the agent.)
 */
final class SelfAttach {

    private SelfAttach() {}

    /** Null when the agent is loaded now, else a human-readable reason why it is not. */
    static String load() {
        return "the Telltale agent is not loaded in this JVM: start it with -javaagent:telltale-agent.jar";
    }
}
