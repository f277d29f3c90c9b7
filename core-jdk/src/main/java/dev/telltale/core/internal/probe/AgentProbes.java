package dev.telltale.core.internal.probe;

import dev.telltale.internal.Fatal;
import dev.telltale.probe.Probe;
import dev.telltale.probe.Target;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One registry's probes on named methods of classes, served by the Telltale agent: checks a
 * target, makes one {@link Site} per concrete method (per class loader that defines the class),
 * and asks the {@link Weaver} to rewrite a class whenever one of its sites changes mode (nothing
 * armed: the original bytes; counters and timers only: lean hooks; anything that reads the call:
 * full hooks). Classes loaded after the attach get their sites from the transformer, through
 * {@link Weaving#hook}.
 *
 * <p>Everything here runs on the threads that attach, arm and detach, on the registry's rewriter
 * thread, or on a thread loading a probed class; never on a probed call. What the registry's lock
 * guards is read and changed under it; a class is rewritten outside it ({@link #rewrite}), so
 * that a slow retransformation holds up no other probe: a mode change counts one more rewrite
 * wanted for the class, and a rewrite that begins after it covers it, since the transformer
 * reads every method's hook then.
 */
final class AgentProbes {

    private static final System.Logger LOG = System.getLogger("dev.telltale.probe");
    private static final String[] REFUSED = {"java.", "jdk.", "sun.", "com.sun.", "dev.telltale."};
    private static final int ABSTRACT_OR_NATIVE = Modifier.ABSTRACT | Modifier.NATIVE;
    private static final int BRIDGE = 0x0040;

    /** A method of a loaded class that a probe names. */
    private record Found(Class<?> type, Executable method, String descriptor) {}

    /**
     * One class (by name and defining loader) whose methods have agent probe points. The loader
     * and the class are held weakly, so that probing a class does not keep its loader (a
     * redeployed application's, say) alive.
     */
    private final class Woven {
        final String name;
        private final boolean bootstrap;
        private final WeakReference<ClassLoader> loader;
        private volatile WeakReference<Class<?>> type = new WeakReference<>(null); // once known
        final Map<String, Site> sites = new HashMap<>(); // name + descriptor
        final Map<Site, Integer> numbers = new HashMap<>();
        /** Held while the class is rewritten: one rewrite of a class at a time, never under the registry's lock. */
        final Object rewriting = new Object();
        long wanted; // mode changes so far; guarded by the registry's lock
        volatile long done; // the mode changes the last rewrite covers; written under rewriting

        Woven(String name, ClassLoader loader) {
            this.name = name;
            this.bootstrap = loader == null;
            this.loader = new WeakReference<>(loader);
        }

        boolean definedBy(ClassLoader l) {
            return l == null ? bootstrap : l == loader.get();
        }

        boolean gone() {
            return !bootstrap && loader.get() == null;
        }

        Class<?> type() {
            return type.get();
        }

        void type(Class<?> c) {
            type = new WeakReference<>(c);
        }

        Site site(String method, String descriptor, Executable reflected) {
            return sites.computeIfAbsent(method + descriptor, k -> {
                Site s = new Site(Target.parse(name + "#" + method + descriptor), reflected, () -> modeChanged(this));
                numbers.put(s, Weaving.register(s));
                classOf.put(s, this);
                return s;
            });
        }
    }

    private final ProbeRegistry registry;
    private final Map<String, List<Woven>> woven = new HashMap<>(); // guarded by the registry's lock
    private final Map<Site, Woven> classOf = new HashMap<>(); // guarded by the registry's lock
    private boolean transforming; // guarded by the registry's lock: the transformer is asking for hooks

    AgentProbes(ProbeRegistry registry) {
        this.registry = registry;
    }

    /** Why the agent must not touch a class of this name, or null. */
    static String refusal(String binaryName) {
        for (String prefix : REFUSED) {
            if (binaryName.startsWith(prefix)) {
                return "the agent does not rewrite " + prefix + "* classes (" + binaryName + "): "
                        + (prefix.equals("dev.telltale.") ? "Telltale does not probe itself"
                                : "the JDK's own classes are refused, probe the application's method that calls it");
            }
        }
        return null;
    }

    /** Attaches a probe on a method of a class; outside the registry's lock. */
    Probe attach(Target target, String nothingServes) {
        String type = target.typeName();
        String refused = refusal(type);
        if (refused != null) {
            throw new IllegalArgumentException("cannot probe " + target + ": " + refused);
        }
        Weaver w = Weaving.weaver();
        if (w == null) {
            String why;
            try {
                why = SelfAttach.load();
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
                why = "loading the agent failed: " + t;
            }
            w = Weaving.weaver();
            if (w == null) {
                throw new IllegalArgumentException(nothingServes + "; " + (why != null ? why : "the agent did not start"));
            }
        }
        List<Found> found = new ArrayList<>();
        for (Class<?> c : w.loaded(type)) {
            if (!w.modifiable(c)) {
                throw new IllegalArgumentException("cannot probe " + target + ": the JVM does not let the agent rewrite " + type);
            }
            found.addAll(methods(c, target));
        }
        synchronized (registry.lock()) {
            registry.checkOpen(target);
            ProbeImpl existing = registry.probeMap().get(target);
            if (existing != null) {
                return existing;
            }
            ProbeRegistry owner = Weaving.claim(type, registry);
            if (owner != registry) {
                throw new IllegalArgumentException("cannot probe " + target + ": methods of " + type
                        + " are probed through another Telltale pipeline of this JVM; detach those probes first");
            }
            ProbeImpl probe = new ProbeImpl(registry, target, true);
            registry.probeMap().put(target, probe);
            for (Found f : found) {
                String name = f.method instanceof Constructor ? "<init>" : f.method.getName();
                Site s = woven(type, f.type.getClassLoader(), f.type).site(name, f.descriptor, f.method);
                registry.link(probe, s);
            }
            Map<String, Object> fields = probe.fields(null);
            fields.put("points", probe.sites.size());
            fields.put("agent", w.name());
            if (found.isEmpty()) {
                fields.put("waiting", true);
            }
            registry.started();
            probe.publish("probe.attached", fields);
            return probe;
        }
    }

    private Woven woven(String name, ClassLoader loader, Class<?> type) {
        List<Woven> list = woven.computeIfAbsent(name, k -> new ArrayList<>());
        list.removeIf(wc -> {
            if (wc.gone()) {
                wc.sites.values().forEach(classOf::remove);
                return true;
            }
            return false;
        });
        for (Woven wc : list) {
            if (wc.definedBy(loader)) {
                if (type != null && wc.type() == null) {
                    wc.type(type);
                }
                return wc;
            }
        }
        Woven wc = new Woven(name, loader);
        if (type != null) {
            wc.type(type);
        }
        list.add(wc);
        return wc;
    }

    /** The methods of {@code c} that {@code target} names, or why it names none that can be probed. */
    private static List<Found> methods(Class<?> c, Target target) {
        String name = target.methodName();
        List<Executable> named = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>();
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            all.add("<init>");
            if (name.equals("<init>")) {
                named.add(k);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.isBridge() || m.isSynthetic() && !m.getName().equals(name)) {
                continue;
            }
            all.add(m.getName());
            if (m.getName().equals(name)) {
                named.add(m);
            }
        }
        List<Found> found = new ArrayList<>();
        List<String> bodiless = new ArrayList<>();
        for (Executable e : named) {
            String descriptor = descriptor(e);
            if (target.descriptor() != null && !target.descriptor().equals(descriptor)) {
                continue;
            }
            if ((e.getModifiers() & ABSTRACT_OR_NATIVE) != 0) {
                bodiless.add(name + descriptor + (Modifier.isNative(e.getModifiers()) ? " is native" : " is abstract"));
                continue;
            }
            found.add(new Found(c, e, descriptor));
        }
        if (found.isEmpty()) {
            if (!bodiless.isEmpty()) {
                throw new IllegalArgumentException("cannot probe " + target + ": " + String.join(", ", bodiless)
                        + ": there is no body to rewrite; probe a class that implements it");
            }
            String inherited = "";
            if (!name.equals("<init>")) {
                for (Method m : c.getMethods()) {
                    if (m.getName().equals(name) && m.getDeclaringClass() != c) {
                        inherited = " (it is inherited from " + m.getDeclaringClass().getName() + ": probe "
                                + m.getDeclaringClass().getName() + "#" + name + ")";
                        break;
                    }
                }
            }
            throw new IllegalArgumentException("cannot probe " + target + ": " + c.getName() + " declares no method "
                    + name + (target.descriptor() == null ? "" : target.descriptor()) + inherited + "; its methods: "
                    + String.join(", ", all));
        }
        return found;
    }

    private static String descriptor(Executable e) {
        Class<?> returns = e instanceof Method m ? m.getReturnType() : void.class;
        return MethodType.methodType(returns, e.getParameterTypes()).toMethodDescriptorString();
    }

    /** The transformer's question for one method while a class loads or is retransformed. */
    int hook(String binaryName, ClassLoader loader, String name, String descriptor, int access) {
        synchronized (registry.lock()) {
            Woven wc = woven(binaryName, loader, null);
            Site s = wc.sites.get(name + descriptor);
            if (s == null && (access & (ABSTRACT_OR_NATIVE | BRIDGE)) == 0 && !name.equals("<clinit>")) {
                transforming = true; // the hook given below is the new mode: no rewrite is wanted for it
                try {
                    for (ProbeImpl p : List.copyOf(registry.probeMap().values())) {
                        Target t = p.target();
                        if (p.byAgent() && t.typeName().equals(binaryName) && t.methodName().equals(name)
                                && (t.descriptor() == null || t.descriptor().equals(descriptor))) {
                            if (s == null) {
                                s = wc.site(name, descriptor, null);
                            }
                            registry.link(p, s);
                        }
                    }
                } finally {
                    transforming = false;
                }
            }
            if (s == null) {
                return -1;
            }
            Site.Mode mode = s.mode();
            return mode == Site.Mode.OFF ? -1 : wc.numbers.get(s) * 2 + (mode == Site.Mode.FULL ? 1 : 0);
        }
    }

    /** Under the registry's lock: a site of {@code wc} changed mode, so the class wants a rewrite. */
    private void modeChanged(Woven wc) {
        if (!transforming) {
            wc.wanted++;
        }
    }

    /**
     * Brings the classes of {@code probe}'s methods up to date with what is armed: each one whose
     * sites changed mode since its last rewrite began is rewritten, or, if another thread is
     * rewriting it, waited for. Called after a change, outside the registry's lock and every
     * probe's order (which this takes only briefly, as the transformer does for each hook); a
     * class is rewritten by one thread at a time, different classes at the same time.
     */
    void rewrite(ProbeImpl probe) {
        if (!probe.byAgent()) {
            return;
        }
        Map<Woven, Long> stale = new java.util.LinkedHashMap<>();
        synchronized (registry.lock()) {
            for (Site s : probe.sites) {
                Woven wc = classOf.get(s);
                if (wc != null && wc.done < wc.wanted) {
                    stale.put(wc, wc.wanted);
                }
            }
        }
        stale.forEach(this::rewrite);
    }

    /** Rewrites {@code wc} unless a rewrite that began once {@code due} changes were made has ended. */
    private void rewrite(Woven wc, long due) {
        synchronized (wc.rewriting) {
            if (wc.done >= due) {
                return;
            }
            long wanted;
            synchronized (registry.lock()) {
                wanted = wc.wanted;
            }
            String error = retransform(wc);
            wc.done = wanted;
            if (error != null) {
                failed(wc.name, error);
            } else {
                synchronized (registry.lock()) {
                    for (Site s : wc.sites.values()) {
                        for (ProbeImpl p : s.probes) {
                            p.agentError(null);
                        }
                    }
                }
            }
        }
    }

    /** Retransforms {@code wc}'s class if it is loaded; null, or why it failed. */
    private static String retransform(Woven wc) {
        Weaver w = Weaving.weaver();
        if (w == null) {
            return null;
        }
        Class<?> t = wc.type();
        if (t == null) {
            for (Class<?> c : w.loaded(wc.name)) {
                if (wc.definedBy(c.getClassLoader())) {
                    t = c;
                    wc.type(c);
                }
            }
        }
        if (t == null) {
            return null; // loading now: the transformer asks for the hooks as it rewrites it
        }
        return w.retransform(t);
    }

    /** The agent could not rewrite {@code binaryName}: every probe on it reports {@code error}. */
    void failed(String binaryName, String error) {
        synchronized (registry.lock()) {
            for (ProbeImpl p : List.copyOf(registry.probeMap().values())) {
                if (p.byAgent() && p.target().typeName().equals(binaryName)) {
                    p.agentError(error);
                    Map<String, Object> f = p.fields(null);
                    f.put("class", binaryName);
                    f.put("error", error);
                    p.publish("probe.error", f);
                }
            }
        }
        LOG.log(Level.WARNING, "telltale: the agent could not rewrite " + binaryName + " (it stays as it was): " + error);
    }

    /** Under the registry's lock, after {@code probe} was detached. */
    void detached(ProbeImpl probe) {
        String type = probe.target().typeName();
        for (ProbeImpl p : registry.probeMap().values()) {
            if (p.byAgent() && p.target().typeName().equals(type)) {
                return;
            }
        }
        Weaving.release(type, registry);
    }

    /** See {@link Weaving#status}. */
    String status(ProbeImpl p) {
        synchronized (registry.lock()) {
            if (!p.byAgent()) {
                return null;
            }
            if (!p.attached()) {
                return "detached";
            }
            if (p.agentError() != null) {
                return "error: " + p.agentError();
            }
            if (p.sites.isEmpty()) {
                return "waiting for class " + p.target().typeName() + " to load";
            }
            long live = p.sites.stream().filter(s -> s.mode() != Site.Mode.OFF).count();
            return live > 0 ? "rewritten: " + live + " method" + (live == 1 ? "" : "s")
                    : "attached to " + p.sites.size() + " method" + (p.sites.size() == 1 ? "" : "s")
                            + ", unchanged until an instrument is armed";
        }
    }
}
