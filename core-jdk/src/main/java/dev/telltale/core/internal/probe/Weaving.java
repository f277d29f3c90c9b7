package dev.telltale.core.internal.probe;

import dev.telltale.probe.Probe;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the Telltale agent meets the core: the installed {@link Weaver}, the JVM-wide table of
 * probe points of rewritten methods (a method's hook carries its site number), and what the
 * agent's class-file transformer asks while a class loads or is retransformed.
 *
 * <p>The {@code enter}/{@code exit}/{@code fail} methods are the probed calls' path: one volatile
 * array read and the site's own work; no lock, no allocation. The rest is for the agent and the
 * registries. A class named by agent probes belongs to one pipeline's registry at a time.
 */
public final class Weaving {

    private static volatile Weaver weaver;
    private static volatile Site[] table = new Site[64];
    private static int count; // guarded by Weaving.class
    private static final ConcurrentHashMap<String, ProbeRegistry> OWNERS = new ConcurrentHashMap<>();

    private Weaving() {}

    /** Makes {@code w} the agent that serves named methods from now on (null: none). */
    public static void install(Weaver w) {
        weaver = w;
    }

    /** The installed agent, or null. */
    public static Weaver weaver() {
        return weaver;
    }

    /** Gives {@code site} its number. */
    static synchronized int register(Site site) {
        Site[] t = table;
        if (count == t.length) {
            t = Arrays.copyOf(t, t.length * 2);
        }
        t[count] = site;
        table = t; // publishes the new slot
        return count++;
    }

    /** The registry whose agent probes name {@code binaryName}, or null. */
    static ProbeRegistry owner(String binaryName) {
        return OWNERS.get(binaryName);
    }

    /** Claims {@code binaryName} for {@code registry}; returns the owner (registry itself on success). */
    static ProbeRegistry claim(String binaryName, ProbeRegistry registry) {
        ProbeRegistry before = OWNERS.putIfAbsent(binaryName, registry);
        return before == null ? registry : before;
    }

    static void release(String binaryName, ProbeRegistry registry) {
        OWNERS.remove(binaryName, registry);
    }

    // ---- the transformer's questions

    /** Whether probes name a class of this binary name: the transformer's cheap first question. */
    public static boolean targets(String binaryName) {
        return OWNERS.containsKey(binaryName);
    }

    /**
     * The hook for one method of class {@code binaryName} defined by {@code loader}, as the
     * transformer rewrites it: -1 for none, else {@code site * 2 + (full ? 1 : 0)}. While the class
     * loads for the first time this makes its probe points.
     */
    public static int hook(String binaryName, ClassLoader loader, String name, String descriptor, int access) {
        ProbeRegistry r = OWNERS.get(binaryName);
        return r == null ? -1 : r.agentHook(binaryName, loader, name, descriptor, access);
    }

    /** The agent could not rewrite class {@code binaryName}: its probes report {@code error}. */
    public static void failed(String binaryName, ClassLoader loader, String error) {
        ProbeRegistry r = OWNERS.get(binaryName);
        if (r != null) {
            r.agentFailed(binaryName, error);
        }
    }

    /**
     * What the agent is doing for {@code probe}: null when it is not an agent probe, else e.g.
     * {@code "waiting for class com.acme.Later to load"}, {@code "rewritten: 2 methods"}, or
     * {@code "error: ..."}.
     */
    public static String status(Probe probe) {
        return probe instanceof ProbeImpl p ? p.registry().agentStatus(p) : null;
    }

    // ---- the probed calls (the agent's Dispatch forwards here)

    /** Before the body: {@code self} null for a static method, {@code args} boxed; returns the start. */
    public static long enter(int site, Object self, Object[] args) {
        return table[site].enter(self, args);
    }

    /** Before the body, capturing nothing; returns the start. */
    public static long enterLean(int site) {
        return table[site].enterLean();
    }

    /** After a normal return ({@code result} boxed, null for void). */
    public static void exit(int site, long start, Object self, Object[] args, Object result) {
        table[site].exit(start, self, args, result);
    }

    /** After a normal return, capturing nothing. */
    public static void exitLean(int site, long start) {
        table[site].exitLean(start);
    }

    /** After the body threw {@code error}, which the method then rethrows. */
    public static void fail(int site, long start, Object self, Object[] args, Throwable error) {
        table[site].fail(start, self, args, error);
    }

    /** After the body threw {@code error}, capturing nothing. */
    public static void failLean(int site, long start, Throwable error) {
        table[site].failLean(start, error);
    }
}
