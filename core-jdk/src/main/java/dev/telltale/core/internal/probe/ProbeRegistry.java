package dev.telltale.core.internal.probe;

import dev.telltale.core.internal.json.JsonLimits;
import dev.telltale.core.internal.pipeline.InternalThreads;
import dev.telltale.core.internal.probe.expr.Expression;
import dev.telltale.internal.Durations;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.StartsThreads;
import dev.telltale.probe.Instrument;
import dev.telltale.probe.InstrumentFactory;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.InstrumentStatus.State;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The probes of one engine: probe points ({@link Site}s of proxies and handles), the probes
 * attached to them, custom instrument types, and one timer thread ({@code telltale-probes-1},
 * started with the first probe) that ends lifespans and publishes metric reports.
 *
 * <p>Structural changes (attach, add, remove, expire, detach) take one lock; the application's
 * calls never do. An instrument that fails on an application thread is retired there with one
 * state change, and the rest of its removal runs on the timer thread.
 *
 * <p>Rewriting a class for the agent's probes (a retransformation: milliseconds, more on a busy
 * JVM) happens outside that lock and outside every probe's order, so that it delays no other
 * probe, nor the timer: the thread that made the change rewrites before it returns ({@code add},
 * {@code remove}, {@code stop}, {@code detach}), while a change the timer makes (a lifespan's end,
 * a failed instrument's clean-up) is rewritten by a second thread, {@code
 * telltale-probes-rewriter-N}, made when first needed. A detach that empties a probe's class ends
 * once the class has its original bytes back: until then the probe is out of {@link #list()} and
 * takes no instrument, but is still {@link Probe#attached()}, and {@code probe.detached} comes
 * after the rewrite.
 */
public final class ProbeRegistry implements Probes {

    private static final System.Logger LOG = System.getLogger("dev.telltale.probe");
    private static final java.util.concurrent.atomic.AtomicInteger TIMER_THREADS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger REWRITER_THREADS = new java.util.concurrent.atomic.AtomicInteger();
    private static final long JOIN_SECONDS = 10;
    private static final Set<String> BUILT_IN = Set.of("log", "counter", "histogram", "timer");

    private final Engine engine;
    private final long reportNanos;
    private final java.util.function.BooleanSupplier jfr;
    private final JsonLimits captureLimits;
    private final Object lock = new Object();
    private final Map<Target, ProbeImpl> probes = new LinkedHashMap<>();
    private final Map<Class<?>, Map<Method, ProxyHandler.Point>> proxies = new HashMap<>();
    private final Map<String, HandleSite> handles = new HashMap<>();
    private final Map<Site, String> declaringTypes = new LinkedHashMap<>();
    private final Map<String, InstrumentFactory> factories = new ConcurrentHashMap<>();
    private volatile boolean factoriesLoaded;
    private volatile ScheduledThreadPoolExecutor timer; // made under lock
    private java.util.concurrent.ThreadPoolExecutor rewriter; // guarded by lock, made when first needed
    private final Set<ProbeImpl> detaching = new java.util.LinkedHashSet<>(); // guarded by lock
    /** Instruments that start threads (breakpoints), ended by {@link #close()}; guarded by lock. */
    private final Set<StartsThreads> threadStarters = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean closed; // guarded by lock
    private final AgentProbes agent = new AgentProbes(this);

    /** A registry whose events are encoded within {@link JsonLimits#DEFAULT}. */
    public ProbeRegistry(Engine engine, Duration reportInterval, java.util.function.BooleanSupplier jfr) {
        this(engine, reportInterval, jfr, JsonLimits.DEFAULT);
    }

    /**
     * @param engine where probe events go
     * @param reportInterval how often metric instruments publish {@code probe.metric}
     * @param jfr whether JFR's event types are registered (metric reports then go to JFR too)
     * @param limits the limits the engine's events are encoded within: values a {@code log}
     *     captures at the hit are bounded by them (see {@link HitValue})
     */
    public ProbeRegistry(Engine engine, Duration reportInterval, java.util.function.BooleanSupplier jfr,
            JsonLimits limits) {
        this.engine = engine;
        this.jfr = jfr;
        this.reportNanos = Math.max(1_000_000L, Durations.nanos(reportInterval));
        this.captureLimits = HitValue.limitsFor(Objects.requireNonNull(limits, "limits == null"));
    }

    Engine engine() {
        return engine;
    }

    /** The limits of values captured at a hit. */
    JsonLimits captureLimits() {
        return captureLimits;
    }

    Object lock() {
        return lock;
    }

    /** The probes by target; under {@link #lock()}. */
    Map<Target, ProbeImpl> probeMap() {
        return probes;
    }

    /** Under {@link #lock()}. */
    void checkOpen(Target target) {
        if (closed) {
            throw new IllegalStateException("cannot attach a probe to " + target + ": the pipeline is closed");
        }
    }

    /** Under {@link #lock()}: a probe was attached (starts the timer). */
    void started() {
        timer();
    }

    // ---- probe points

    @Override
    public <T> T proxy(Class<T> iface, T target) {
        Objects.requireNonNull(iface, "iface == null");
        Objects.requireNonNull(target, "target == null");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface; a proxy keeps an interface");
        }
        Map<Method, ProxyHandler.Point> points = pointsOf(iface);
        Object proxy = Proxy.newProxyInstance(loaderFor(iface), new Class<?>[] {iface}, new ProxyHandler(target, points));
        return iface.cast(proxy);
    }

    private static ClassLoader loaderFor(Class<?> iface) {
        ClassLoader loader = iface.getClassLoader();
        return loader != null ? loader : ClassLoader.getPlatformClassLoader();
    }

    /**
     * The probe points of {@code iface}'s methods, made with the first proxy of it: one site per
     * method, a bridge method (a generic method's erased form) sharing the site of the method it
     * calls, so that a call through a generic supertype fires the same instruments.
     */
    private Map<Method, ProxyHandler.Point> pointsOf(Class<?> iface) {
        synchronized (lock) {
            Map<Method, ProxyHandler.Point> points = proxies.get(iface);
            if (points != null) {
                return points;
            }
            List<Method> methods = new ArrayList<>();
            for (Method m : iface.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || isObjectMethod(m)) {
                    continue; // a proxy hands Object's methods over as Object's, even when redeclared
                }
                if (!m.trySetAccessible()) { // checked for all before anything is made
                    throw new IllegalArgumentException("cannot call " + iface.getName() + "#" + m.getName()
                            + " from Telltale: open or export its package to module dev.telltale.core");
                }
                methods.add(m);
            }
            Map<Method, Site> sites = new LinkedHashMap<>();
            for (Method m : methods) {
                if (!m.isBridge()) {
                    sites.put(m, site(iface, m));
                }
            }
            points = new HashMap<>();
            for (Method m : methods) {
                Site site = sites.get(m);
                if (site == null) {
                    Method bridged = bridged(m, sites.keySet());
                    site = bridged != null ? sites.get(bridged) : site(iface, m);
                }
                points.put(m, new ProxyHandler.Point(site, m));
            }
            Set<Site> made = new java.util.LinkedHashSet<>();
            points.values().forEach(pt -> made.add(pt.site()));
            for (Site site : made) {
                for (ProbeImpl p : probes.values()) {
                    if (matches(p.target(), site)) {
                        link(p, site);
                    }
                }
            }
            points = Map.copyOf(points);
            proxies.put(iface, points);
            return points;
        }
    }

    private static boolean isObjectMethod(Method m) {
        return switch (m.getName()) {
            case "toString", "hashCode" -> m.getParameterCount() == 0;
            case "equals" -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Object.class;
            default -> false;
        };
    }

    private Site site(Class<?> iface, Method m) {
        Target t = Target.parse(iface.getName() + "#" + m.getName()
                + java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
        Site site = new Site(t, m, null);
        declaringTypes.put(site, m.getDeclaringClass().getName());
        return site;
    }

    /** The one plain method that {@code bridge} can stand for (same name, narrower types), or null. */
    private static Method bridged(Method bridge, Set<Method> plain) {
        Method found = null;
        for (Method m : plain) {
            if (m.getName().equals(bridge.getName()) && m.getParameterCount() == bridge.getParameterCount()
                    && widens(bridge.getReturnType(), m.getReturnType())
                    && widensAll(bridge.getParameterTypes(), m.getParameterTypes())) {
                if (found != null) {
                    return null;
                }
                found = m;
            }
        }
        return found;
    }

    private static boolean widensAll(Class<?>[] wide, Class<?>[] narrow) {
        for (int i = 0; i < wide.length; i++) {
            if (!widens(wide[i], narrow[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean widens(Class<?> wide, Class<?> narrow) {
        return wide == narrow || !wide.isPrimitive() && !narrow.isPrimitive() && wide.isAssignableFrom(narrow);
    }

    @Override
    public MethodHandle handle(String name, MethodHandle target) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(target, "target == null");
        Target t = Target.handle(name);
        synchronized (lock) {
            if (handles.containsKey(name)) {
                throw new IllegalArgumentException("a handle named '" + name + "' exists already in this pipeline; make each once and keep it");
            }
            HandleSite h = new HandleSite(t, target);
            handles.put(name, h);
            for (ProbeImpl p : probes.values()) {
                if (matches(p.target(), h.site())) {
                    link(p, h.site());
                }
            }
            MethodHandle invoker = h.invoker();
            return target.isVarargsCollector() // a call site's invoker is none: collect as the original does
                    ? invoker.asVarargsCollector(target.type().lastParameterType()) : invoker;
        }
    }

    /** How many thread-starting instruments (breakpoints) the registry keeps to end at close; for tests. */
    int threadStartersKept() {
        synchronized (lock) {
            return threadStarters.size();
        }
    }

    /** The handle site named {@code name}, or null; for tests. */
    HandleSite handleSite(String name) {
        synchronized (lock) {
            return handles.get(name);
        }
    }

    private boolean matches(Target t, Site site) {
        Target s = site.target();
        if (t.isHandle() || s.isHandle()) {
            return t.equals(s);
        }
        return (t.typeName().equals(s.typeName()) || t.typeName().equals(declaringTypes.get(site)))
                && t.methodName().equals(s.methodName())
                && (t.descriptor() == null || t.descriptor().equals(s.descriptor()));
    }

    void link(ProbeImpl p, Site site) {
        p.sites.add(site);
        site.probes.add(p);
        site.rearm();
    }

    // ---- probes

    @Override
    public Probe attach(Target target) {
        Objects.requireNonNull(target, "target == null");
        ProbeImpl probe = null;
        String viaAgent = null; // why nothing but the agent can serve it
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("cannot attach a probe to " + target + ": the pipeline is closed");
            }
            ProbeImpl existing = probes.get(target);
            if (existing != null) {
                return existing;
            }
            Set<Site> serving = new java.util.LinkedHashSet<>(); // a bridge shares its method's site
            for (Map<Method, ProxyHandler.Point> points : proxies.values()) {
                for (ProxyHandler.Point pt : points.values()) {
                    if (matches(target, pt.site())) {
                        serving.add(pt.site());
                    }
                }
            }
            HandleSite h = target.isHandle() ? handles.get(target.methodName()) : null;
            if (h != null) {
                serving.add(h.site());
            }
            if (serving.isEmpty()) {
                if (target.isHandle() || proxied(target)) {
                    throw new IllegalArgumentException(nothingServes(target));
                }
                viaAgent = nothingServes(target);
            } else {
                probe = new ProbeImpl(this, target);
                probes.put(target, probe);
                for (Site s : serving) {
                    link(probe, s);
                }
                timer();
                Map<String, Object> f = probe.fields(null);
                f.put("points", probe.sites.size());
                probe.publish("probe.attached", f); // under the lock: before any other event of the probe
            }
        }
        return viaAgent != null ? agent.attach(target, viaAgent) : probe;
    }

    private boolean proxied(Target target) {
        return proxies.keySet().stream().anyMatch(c -> c.getName().equals(target.typeName()));
    }

    // ---- the agent's questions (see Weaving)

    int agentHook(String binaryName, ClassLoader loader, String name, String descriptor, int access) {
        return agent.hook(binaryName, loader, name, descriptor, access);
    }

    void agentFailed(String binaryName, String error) {
        agent.failed(binaryName, error);
    }

    String agentStatus(ProbeImpl probe) {
        return agent.status(probe);
    }

    private String nothingServes(Target target) {
        if (target.isHandle()) {
            return "no handle named '" + target.methodName() + "' in this pipeline: make it with Probes.handle(\""
                    + target.methodName() + "\", target) first";
        }
        boolean proxied = proxies.keySet().stream().anyMatch(c -> c.getName().equals(target.typeName()));
        if (proxied) {
            boolean objects = Set.of("equals", "hashCode", "toString").contains(target.methodName());
            return "no method " + target.methodName() + (target.descriptor() == null ? "" : target.descriptor())
                    + " on the proxied interface " + target.typeName()
                    + (objects ? " (Object's methods go straight to the target and are no probe points)" : "");
        }
        return "nothing serves " + target + ": no proxy of " + target.typeName() + " exists in this pipeline."
                + " Wrap an instance with Probes.proxy(" + simpleName(target.typeName()) + ".class, instance),"
                + " or probe any method by name through the Telltale agent (telltale-agent, not loaded in this JVM)";
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1).replace('$', '.');
    }

    @Override
    public Optional<Probe> probe(Target target) {
        Objects.requireNonNull(target, "target == null");
        synchronized (lock) {
            return Optional.ofNullable(probes.get(target));
        }
    }

    @Override
    public List<Probe> list() {
        synchronized (lock) {
            return List.copyOf(probes.values());
        }
    }

    @Override
    public void register(InstrumentFactory factory) {
        Objects.requireNonNull(factory, "factory == null");
        String type = Objects.requireNonNull(factory.type(), "factory.type() == null");
        if (BUILT_IN.contains(type)) {
            throw new IllegalArgumentException("instrument type '" + type + "' is built in");
        }
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalArgumentException("instrument type '" + type + "' is registered already");
        }
    }

    private InstrumentFactory factory(String type) {
        if (!factoriesLoaded) {
            loadFactories();
        }
        return factories.get(type);
    }

    private synchronized void loadFactories() {
        if (factoriesLoaded) {
            return;
        }
        try {
            for (InstrumentFactory f : ServiceLoader.load(InstrumentFactory.class, ProbeRegistry.class.getClassLoader())) {
                if (!BUILT_IN.contains(f.type())) {
                    factories.putIfAbsent(f.type(), f);
                }
            }
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            LOG.log(Level.WARNING, "telltale: cannot load instrument factories: " + t);
        }
        factoriesLoaded = true;
    }

    @Override
    public void detachAll() {
        detachAll("detached");
    }

    /** Detaches every probe, and ends the detaches begun elsewhere (a lifespan's end on the timer). */
    private void detachAll(String reason) {
        for (Probe p : list()) {
            detach((ProbeImpl) p, reason);
        }
        List<ProbeImpl> ending;
        synchronized (lock) {
            ending = new ArrayList<>(detaching);
        }
        for (ProbeImpl p : ending) {
            endDetach(p);
        }
    }

    /**
     * Detaches every probe, ends the instruments that started threads (breakpoints) and joins
     * those threads (10 seconds at most for all), and stops the timer and the rewriter; later
     * attaches fail. Called when the engine closes.
     */
    public void close() {
        close(true);
    }

    /**
     * {@link #close()}; {@code join} false leaves the threads of breakpoints unjoined (a JVM
     * shutting down, whose daemon threads end with it, need not wait for them).
     */
    public void close(boolean join) {
        List<StartsThreads> starters;
        synchronized (lock) {
            closed = true;
        }
        detachAll("pipeline closed");
        synchronized (lock) {
            starters = new ArrayList<>(threadStarters);
            threadStarters.clear();
        }
        long deadline = System.nanoTime() + (join ? TimeUnit.SECONDS.toNanos(JOIN_SECONDS) : 0L);
        for (StartsThreads s : starters) {
            List<String> running = s.end(deadline);
            if (!running.isEmpty() && join) {
                LOG.log(Level.WARNING, "telltale: the probes closed, but threads a breakpoint started still run "
                        + JOIN_SECONDS + " s later: " + String.join(", ", running));
            }
        }
        synchronized (lock) {
            if (timer != null) {
                timer.shutdownNow();
            }
            if (rewriter != null) {
                rewriter.shutdown(); // what it still has to do was done above: its tasks find nothing left
            }
        }
    }

    // ---- instruments

    void add(ProbeImpl probe, InstrumentSpec spec, Instrument instance) {
        Objects.requireNonNull(spec, "spec == null");
        Expression condition = parse(spec, "condition", spec.condition());
        Expression value = parse(spec, "value", spec.value());
        checkNames(probe, spec, condition);
        checkNames(probe, spec, value);
        Armed armed = create(probe, spec, condition, value, instance);
        synchronized (probe.order) {
            try {
                arm(probe, spec, armed);
            } catch (RuntimeException e) {
                if (instance == null) {
                    armed.close(); // made here, by a factory: never armed, closed here
                }
                throw e;
            }
            publishAdded(probe, spec, armed);
        }
        if (instance instanceof StartsThreads starter) {
            synchronized (lock) {
                threadStarters.removeIf(StartsThreads::closedByUser);
                threadStarters.add(starter);
            }
        }
        agent.rewrite(probe); // outside every lock: a slow rewrite holds up no other probe
    }

    private void arm(ProbeImpl probe, InstrumentSpec spec, Armed armed) {
        synchronized (lock) {
            if (!probe.attached() || probe.detaching() != null) {
                throw new IllegalStateException(probe + " is detached; attach the target again");
            }
            if (probe.armed.containsKey(spec.name())) {
                throw new IllegalArgumentException(probe + " has an instrument named '" + spec.name() + "' already");
            }
            probe.armed.put(spec.name(), armed);
            probe.armedChanged();
            armed.expiry = timer().schedule(() -> retire(probe, armed, State.EXPIRED, null, true),
                    Durations.nanos(spec.lifespan()), TimeUnit.NANOSECONDS);
            for (Site s : probe.sites) {
                s.rearm();
            }
        }
    }

    private static void publishAdded(ProbeImpl probe, InstrumentSpec spec, Armed armed) {
        Map<String, Object> f = probe.fields(spec);
        f.put("event", spec.event().name().toLowerCase(Locale.ROOT));
        putIfNotNull(f, "value", spec.value());
        putIfNotNull(f, "condition", spec.condition());
        f.put("lifespan_ms", Durations.millis(spec.lifespan()));
        f.put("expires", armed.expiresAt.toString());
        if (spec.rateLimit() > 0) {
            f.put("rate_limit", spec.rateLimit());
        }
        if (spec.sampling() < 1) {
            f.put("sampling", spec.sampling());
        }
        probe.publish("probe.added", f);
    }

    private static void putIfNotNull(Map<String, Object> f, String key, Object value) {
        if (value != null) {
            f.put(key, value);
        }
    }

    private static Expression parse(InstrumentSpec spec, String what, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Expression.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("instrument '" + spec.name() + "': " + what + " '" + text + "': "
                    + e.getMessage(), e);
        }
    }

    private void checkNames(ProbeImpl probe, InstrumentSpec spec, Expression e) {
        if (e == null || e.parameterNames().isEmpty()) {
            return;
        }
        List<Site> sites;
        synchronized (lock) {
            sites = List.copyOf(probe.sites);
        }
        if (sites.isEmpty()) {
            return; // an agent probe waiting for its class: the names are checked by nothing yet
        }
        for (String name : e.parameterNames()) {
            boolean known = sites.stream().anyMatch(s -> s.parameterIndex(name) >= 0);
            if (!known) {
                boolean names = sites.stream().anyMatch(Site::hasParameterNames);
                throw new IllegalArgumentException("instrument '" + spec.name() + "': '" + name + "' is not a parameter of "
                        + probe.target() + (names ? "" : " (its parameter names are unknown: compile it with -parameters,")
                        + (names ? "; use args[N] for an argument by position" : " or use args[N])"));
            }
        }
    }

    private Armed create(ProbeImpl probe, InstrumentSpec spec, Expression condition, Expression value,
            Instrument instance) {
        if (instance != null) {
            return new CustomArmed(spec, probe, condition, value, instance);
        }
        switch (spec.type()) {
            case "log":
                return new LogArmed(spec, probe, condition, value);
            case "counter":
                return new CounterArmed(spec, probe, condition, value);
            case "timer":
            case "histogram":
                if (spec.type().equals("timer") && spec.event() == ProbeEvent.CALL) {
                    throw new IllegalArgumentException("timer '" + spec.name() + "' fires on return or exception, not on call");
                }
                return new TimerArmed(spec, probe, condition, value);
            default:
                InstrumentFactory f = factory(spec.type());
                if (f == null) {
                    throw new IllegalArgumentException("instrument '" + spec.name() + "': unknown type '" + spec.type()
                            + "'; built in: counter, histogram, log, timer" + (factories.isEmpty() ? ""
                                    : "; registered: " + String.join(", ", new java.util.TreeSet<>(factories.keySet()))));
                }
                Instrument made;
                try {
                    made = f.create(spec);
                } catch (IllegalArgumentException e) {
                    throw e;
                } catch (Throwable t) {
                    Fatal.propagateIfFatal(t);
                    throw new IllegalArgumentException("instrument '" + spec.name() + "': type '" + spec.type()
                            + "' could not make it: " + Text.error(t), t);
                }
                if (made == null) {
                    throw new IllegalArgumentException("instrument '" + spec.name() + "': type '" + spec.type()
                            + "' made null");
                }
                return new CustomArmed(spec, probe, condition, value, made);
        }
    }

    boolean remove(ProbeImpl probe, String name) {
        Armed a;
        synchronized (lock) {
            a = probe.armed.get(name);
        }
        return a != null && retire(probe, a, State.REMOVED, null);
    }

    void setRunning(ProbeImpl probe, boolean run) {
        synchronized (probe.order) {
            synchronized (lock) {
                if (!probe.attached() || probe.detaching() != null || probe.running() == run) {
                    return;
                }
                probe.running(run);
                for (Site s : probe.sites) {
                    s.rearm();
                }
            }
            probe.publish(run ? "probe.started" : "probe.stopped", probe.fields(null));
        }
        agent.rewrite(probe);
    }

    /** On an application thread: {@code a} threw. Retired now; the rest on the timer thread. */
    void failed(ProbeImpl probe, Armed a, Throwable t) {
        String error = Text.error(t);
        if (!a.retire(State.FAILED, error)) {
            return;
        }
        try {
            ScheduledThreadPoolExecutor tm = timer;
            if (tm != null && !tm.isShutdown()) {
                tm.execute(() -> finish(probe, a, State.FAILED, error, true, true));
                return;
            }
        } catch (RuntimeException rejected) {
            // the timer is stopping: finish here
        }
        finish(probe, a, State.FAILED, error, true, false);
    }

    /** Retires {@code a} for {@code why} and removes it; false if it was gone already. */
    boolean retire(ProbeImpl probe, Armed a, State why, String error) {
        return retire(probe, a, why, error, false);
    }

    private boolean retire(ProbeImpl probe, Armed a, State why, String error, boolean onTimer) {
        if (!a.retire(why, error)) {
            return false;
        }
        finish(probe, a, why, error, true, onTimer);
        return true;
    }

    /**
     * Removes the retired {@code a} from its probe, reports its last figures, closes it and
     * publishes why it left: once, by whichever thread gets here first (the one that retired it,
     * the timer for a failure, or a detach). Under the probe's order, so a detach waits for it;
     * the last instrument gone begins the probe's detach in the same step, so that no instrument
     * is added in between. The class rewrite and the end of that detach follow, outside the
     * order (see {@link #settle}).
     */
    private void finish(ProbeImpl probe, Armed a, State why, String error, boolean detachWhenEmpty, boolean onTimer) {
        boolean detachNow;
        synchronized (probe.order) {
            synchronized (lock) {
                if (!probe.armed.remove(a.spec.name(), a)) {
                    return; // finished already
                }
                probe.armedChanged();
                probe.keepGone(a.status());
                for (Site s : probe.sites) {
                    s.rearm();
                }
                detachNow = detachWhenEmpty && probe.armed.isEmpty() && beginDetach(probe, "no instruments left");
            }
            report(probe, a, true);
            a.close();
            publishGone(probe, a, why, error);
        }
        if (detachWhenEmpty) {
            settle(probe, detachNow, onTimer);
        }
    }

    /**
     * After a change to {@code probe}'s instruments: rewrites its class (an agent probe's) and, if
     * the change began its detach, ends it. On the calling thread, but for a change the timer
     * made: the rewriter thread does that, so that the timer ends other lifespans meanwhile.
     */
    private void settle(ProbeImpl probe, boolean detachNow, boolean onTimer) {
        Runnable work = detachNow ? () -> endDetach(probe) : () -> agent.rewrite(probe);
        if (onTimer && probe.byAgent()) {
            java.util.concurrent.Executor r = rewriter();
            if (r != null) {
                try {
                    r.execute(work);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // the pipeline is closing: here
                }
            }
        }
        work.run();
    }

    /**
     * Under {@link #lock()}: begins {@code probe}'s detach (see {@link ProbeImpl#detaching()});
     * false if it was begun already or is over.
     */
    private boolean beginDetach(ProbeImpl probe, String reason) {
        if (!probe.attached() || probe.detaching() != null) {
            return false;
        }
        probe.detaching(reason);
        probes.remove(probe.target(), probe);
        detaching.add(probe);
        return true;
    }

    private static void publishGone(ProbeImpl probe, Armed a, State why, String error) {
        Map<String, Object> f = probe.fields(a.spec);
        f.put("hits", a.hits());
        f.put("limited", a.limited());
        f.put("sampled_out", a.sampledOut());
        if (why == State.FAILED) {
            f.put("error", error);
            f.put("disabled", true);
            LOG.log(Level.WARNING, "telltale: instrument " + a.spec.name() + " on " + probe.target()
                    + " failed and is disabled: " + error);
        }
        probe.publish(why == State.EXPIRED ? "probe.expired" : why == State.FAILED ? "probe.error" : "probe.removed", f);
    }

    /**
     * Finishes every instrument (those retired elsewhere and not finished yet, such as one that
     * failed while its clean-up waits for the timer, as what they are; the rest as removed), then
     * detaches: {@code probe.detached} is the probe's last event but for hits in flight. Returns
     * once the probe is detached, its class (an agent probe's) rewritten once, back to its
     * original bytes if no other probe uses it; also when another thread began the detach.
     */
    void detach(ProbeImpl probe, String reason) {
        synchronized (probe.order) {
            List<Armed> left;
            synchronized (lock) {
                if (!probe.attached()) {
                    return;
                }
                beginDetach(probe, reason);
                left = new ArrayList<>(probe.armed.values());
            }
            for (Armed a : left) {
                a.retire(State.REMOVED, null);
                InstrumentStatus s = a.status();
                finish(probe, a, s.state(), s.error(), false, false);
            }
        }
        endDetach(probe);
    }

    /**
     * Ends a detach begun: rewrites the probe's class for what is armed now (outside every lock),
     * then marks the probe detached and publishes {@code probe.detached} with the reason the
     * detach began for. Idempotent: whoever comes second waits for the rewrite and returns.
     */
    private void endDetach(ProbeImpl probe) {
        agent.rewrite(probe);
        synchronized (probe.order) {
            synchronized (lock) {
                if (!probe.attached()) {
                    return;
                }
                probe.detached();
                detaching.remove(probe);
                for (Site s : probe.sites) {
                    s.probes.remove(probe);
                    s.rearm();
                }
                if (probe.byAgent()) {
                    agent.detached(probe);
                }
            }
            Map<String, Object> f = probe.fields(null);
            f.put("reason", probe.detaching());
            probe.publish("probe.detached", f);
        }
    }

    List<InstrumentStatus> statuses(ProbeImpl probe) {
        synchronized (lock) {
            List<InstrumentStatus> all = new ArrayList<>(probe.gone);
            for (Armed a : probe.armed.values()) {
                all.add(a.status());
            }
            return List.copyOf(all);
        }
    }

    // ---- the timer

    private ScheduledThreadPoolExecutor timer() {
        synchronized (lock) {
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, ProbeRegistry::timerThread);
                timer.setRemoveOnCancelPolicy(true);
                timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                timer.scheduleAtFixedRate(this::reportAll, reportNanos, reportNanos, TimeUnit.NANOSECONDS);
            }
            return timer;
        }
    }

    /**
     * The thread that rewrites classes for changes the timer made, or null once closed; its thread
     * ends when it has had nothing to do for a while.
     */
    private java.util.concurrent.Executor rewriter() {
        synchronized (lock) {
            if (rewriter == null && !closed) {
                rewriter = new java.util.concurrent.ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
                        new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                            Thread t = new Thread(task, "telltale-probes-rewriter-" + REWRITER_THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                rewriter.allowCoreThreadTimeOut(true);
            }
            return rewriter;
        }
    }

    /**
     * The timer's thread, {@code telltale-probes-1}: a daemon, but not one of {@link
     * InternalThreads}' threads, on which the pipeline refuses events (so that a backend client's
     * logging cannot loop). This thread publishes the probes' own events (interval reports,
     * expiries, clean-ups) and runs no backend code.
     */
    private static Thread timerThread(Runnable task) {
        Thread t = new Thread(task, "telltale-probes-" + TIMER_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    private void reportAll() {
        List<ProbeImpl> all;
        synchronized (lock) {
            all = new ArrayList<>(probes.values());
        }
        for (ProbeImpl p : all) {
            for (Armed a : p.armed()) {
                if (a.state() == State.ACTIVE) {
                    synchronized (p.order) { // not after its last report, nor at the same time
                        if (a.state() == State.ACTIVE) {
                            report(p, a, false);
                        }
                    }
                }
            }
        }
    }

    private void report(ProbeImpl probe, Armed a, boolean last) {
        Map<String, Object> figures;
        try {
            figures = a.report();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            failed(probe, a, t);
            return;
        }
        if (figures == null) {
            return;
        }
        Map<String, Object> f = probe.fields(a.spec);
        f.put("event", a.spec.event().name().toLowerCase(Locale.ROOT));
        f.putAll(figures);
        f.put("limited", a.limited());
        f.put("sampled_out", a.sampledOut());
        if (last) {
            f.put("last", true);
        }
        probe.publish("probe.metric", f);
        if (jfr.getAsBoolean()) {
            Metrics.recordJfr(probe, a, figures);
        }
    }
}
