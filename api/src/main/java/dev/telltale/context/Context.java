package dev.telltale.context;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.internal.Engine;
import dev.telltale.internal.Engines;
import dev.telltale.internal.Fatal;
import dev.telltale.internal.Fields;
import dev.telltale.internal.Ids;
import dev.telltale.internal.Stamp;
import java.lang.ref.Cleaner;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An object that broadcasts its own life: it is {@code born} with its initial fields, sends an
 * {@code update} for every change, and is {@code finished}, with the time it lived, when closed.
 * Downstream, the monitor puts the messages back together into the object
 * ({@code ./telltale monitor -c}).
 *
 * <pre>{@code
 * try (Context ctx = Telltale.context("shop.request", Map.of("url", url))) {
 *     Response r = client.send(request);
 *     ctx.set("status", r.statusCode());           // one message
 *     ctx.update(Map.of("bytes", r.body().length(), // several changes, one message
 *                       "server", r.headers().firstValue("server").orElse("?")));
 * }                                                // finished, with elapsed seconds
 * }</pre>
 *
 * <p><b>Forms.</b> A context that is closed lives for a span of time (a request, a job). One
 * that is never closed is a long-lived stream of changes (a service's status); should it become
 * unreachable, the garbage collector's {@link Cleaner} still finishes it, marked {@code
 * reclaimed}. A <em>transient</em> context ({@link #publish}) sends its fields once and nothing
 * else. {@link #wrap} turns an existing object into a context behind a proxy.
 *
 * <p><b>Messages.</b> Each message is an {@link Event} whose {@code source} is this context's id
 * and whose {@code seq} counts this context's messages from 1, so a consumer can order them and
 * notice gaps. Their JSON form is in {@code docs/EVENTS.md} ({@code context.*} kinds). Fields
 * named in {@link Builder#ignore} are kept but never published; a field whose value is another
 * context is published as that context's id. Changes made after {@link #close()} are kept but
 * not published.
 *
 * <p><b>Threads and costs.</b> A context may be shared between threads: its methods take a lock
 * of its own (never the context object, so an application may synchronize on its context without
 * stalling them), so that the order of its messages is the order of its changes. A {@linkplain
 * Builder#mirror mirror} logger is called after that lock is released, so a slow logger holds up
 * only the thread that logs; mirror lines of changes made at once on several threads may
 * therefore come in another order than the messages' {@code seq}. {@link #set} publishes without
 * blocking, without I/O and without throwing, whatever the backend is doing; values are encoded
 * later, on Telltale's publisher thread (see {@link Event} on mutable values). In log text
 * (mirror lines, {@link #log()} messages) a context, or a {@link #wrap} proxy, is written as its
 * id, inside lists, maps and arrays too, as fields publish it. Creating a context without a name
 * walks the stack once to find the calling class.
 *
 * <p><b>Subclasses</b> get their routing key from their class name unless they give one:
 * <pre>{@code
 * final class CheckoutContext extends Context {   // routing key "com.example.CheckoutContext"
 *     CheckoutContext(Cart cart) { super(Context.builder().fields(Map.of("items", cart.size()))); }
 * }
 * }</pre>
 */
public class Context implements AutoCloseable {

    private static final int MAX_NAME_BYTES = 255;

    private final ContextLife life;
    /** Guards the fields and orders the messages; private, so the application cannot hold it. */
    private final Object lock = new Object();
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Set<String> ignored;
    private final Cleaner.Cleanable cleanable;
    private final Duration waitOnClose;
    private ContextLogger logger;

    /** A context named after the subclass (or, for {@code Context} itself, the calling class). */
    protected Context() {
        this(builder());
    }

    /**
     * A context configured by {@code builder}; a subclass without a name gets its class name.
     *
     * @throws NullPointerException if {@code builder} is null
     */
    protected Context(Builder builder) {
        Objects.requireNonNull(builder, "builder == null");
        String name = builder.name != null ? builder.name
                : getClass() != Context.class ? routingKeyOf(getClass()) : callerRoutingKey();
        this.ignored = Set.copyOf(builder.ignored);
        this.waitOnClose = builder.waitOnClose;
        this.life = new ContextLife(builder.engine(), name, builder.id(), builder.headers, builder.mirror, true);
        fields.putAll(builder.fields);
        Map<String, Object> born = ContextTrace.link(published(builder.fields, ignored), name, life.id);
        life.emit("context.born", born);
        if (life.mirror != null) {
            life.mirror.info(prefix() + "born" + (born.isEmpty() ? "" : ", " + LogText.describe(born)));
        }
        this.cleanable = Cleaners.INSTANCE.register(this, life);
    }

    /** A builder for a context, a transient context, or a wrapped object. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a context named {@code name} on the global pipeline.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static Context start(String name) {
        return builder().name(name).start();
    }

    /**
     * Starts a context named {@code name} on the global pipeline, born with {@code fields}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Context start(String name, Map<String, ?> fields) {
        return builder().name(name).fields(fields).start();
    }

    /**
     * Publishes a transient context: one {@code context.transient} message with {@code fields},
     * under routing key {@code name}, and nothing else.
     *
     * @throws NullPointerException if an argument is null
     */
    public static void publish(String name, Map<String, ?> fields) {
        builder().name(name).fields(fields).publish();
    }

    /**
     * Wraps {@code target} in a proxy that implements {@code type} and behaves exactly like it,
     * while being a context (named after the calling class): see {@link Builder#wrap}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code type} is not an interface
     */
    public static <T> T wrap(Class<T> type, T target) {
        return builder().wrap(type, target);
    }

    /**
     * The context behind a proxy made by {@link #wrap}, to close it or read its fields.
     *
     * @throws IllegalArgumentException if {@code proxy} was not made by {@link #wrap}
     */
    public static Context of(Object proxy) {
        if (isWrapped(proxy)) {
            return ((WrapHandler) Proxy.getInvocationHandler(proxy)).context();
        }
        throw new IllegalArgumentException("not made by Context.wrap: " + (proxy == null ? null : proxy.getClass()));
    }

    /** Whether {@code object} is a proxy made by {@link #wrap}, whose context {@link #of} returns. */
    public static boolean isWrapped(Object object) {
        return object != null && Proxy.isProxyClass(object.getClass())
                && Proxy.getInvocationHandler(object) instanceof WrapHandler;
    }

    /** This context's id: the one given to the builder, or a random UUID. */
    public final String id() {
        return life.id;
    }

    /** The routing key of this context's messages. */
    public final String routingKey() {
        return life.routingKey;
    }

    /**
     * Sets one field and publishes one {@code context.update} message with it (unless the key is
     * ignored or the context is closed). Never throws; a null key becomes {@code "null"}.
     *
     * @return this context
     */
    public final Context set(String key, Object value) {
        String k = key == null ? "null" : key;
        synchronized (lock) {
            fields.put(k, value);
            if (life.isFinished() || ignored.contains(k)) {
                return this;
            }
            life.emit("context.update", Fields.of(k, published(value)));
        }
        if (life.mirror != null) {
            life.mirror.info(prefix() + k + " = " + LogText.of(value));
        }
        return this;
    }

    /**
     * Sets several fields and publishes them in one {@code context.update} message (leaving out
     * ignored keys; nothing when none is left). Never throws.
     *
     * @return this context
     */
    public final Context update(Map<String, ?> changes) {
        if (changes == null || changes.isEmpty()) {
            return this;
        }
        Map<String, Object> out;
        synchronized (lock) {
            Map<String, Object> copy;
            try {
                copy = textKeys(changes);
            } catch (RuntimeException e) { // modified meanwhile by another thread, say
                if (!life.isFinished()) {
                    life.emit("context.update", Stamp.unreadable(e));
                }
                return this;
            }
            fields.putAll(copy);
            out = published(copy, ignored);
            if (life.isFinished() || out.isEmpty()) {
                return this;
            }
            life.emit("context.update", out);
        }
        if (life.mirror != null) {
            life.mirror.info(prefix() + LogText.describe(out));
        }
        return this;
    }

    /**
     * Removes fields and publishes one {@code context.remove} message naming those that were
     * published. Never throws.
     *
     * @return this context
     */
    public final Context remove(String... keys) {
        if (keys == null || keys.length == 0) {
            return this;
        }
        List<String> removed = new ArrayList<>();
        synchronized (lock) {
            for (String key : keys) {
                String k = key == null ? "null" : key;
                if (fields.containsKey(k)) {
                    fields.remove(k);
                    if (!ignored.contains(k)) {
                        removed.add(k);
                    }
                }
            }
            if (life.isFinished() || removed.isEmpty()) {
                return this;
            }
            life.emit("context.remove", Map.of("keys", List.copyOf(removed)));
        }
        if (life.mirror != null) {
            life.mirror.info(prefix() + "removed " + String.join(", ", removed));
        }
        return this;
    }

    /** The current value of field {@code key} (ignored fields included), or null. */
    public final Object get(String key) {
        synchronized (lock) {
            return fields.get(key);
        }
    }

    /** Whether field {@code key} is set (possibly to null). */
    public final boolean has(String key) {
        synchronized (lock) {
            return fields.containsKey(key);
        }
    }

    /** A copy of the current fields, in the order they were first set. */
    public final Map<String, Object> fields() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * A logger whose messages are templates filled from this context's fields ({@code "my foo is
     * {foo}"}) and published as {@code context.log} messages of this context.
     */
    public final ContextLogger log() {
        synchronized (lock) {
            if (logger == null) {
                logger = new ContextLogger(this);
            }
            return logger;
        }
    }

    /** Whether this context has finished (closed, or reclaimed). */
    public final boolean isClosed() {
        return life.isFinished();
    }

    /**
     * Publishes {@code context.finished} with the seconds this context lived. Idempotent. With
     * {@link Builder#waitOnClose}, then waits (at most that long) until this context's messages
     * are handed to the backend; it returns when the time is up whether they were or not. To
     * know, call {@link Telltale#flush(Duration)} instead, which returns false when its time ran
     * out. Never throws: a failure of the pipeline while waiting ends the wait.
     */
    @Override
    public void close() {
        String line;
        synchronized (lock) {
            if (life.isFinished()) {
                return;
            }
            life.closing();
            line = life.finish();
        }
        cleanable.clean(); // finished already: this only unregisters it from the cleaner
        life.mirror(line);
        if (waitOnClose != null) {
            try {
                life.engine.flush(waitOnClose);
            } catch (Throwable t) {
                Fatal.propagateIfFatal(t);
            }
        }
    }

    /** The routing key and id, e.g. {@code Context[shop.request 7d1c…]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + life.routingKey + " " + life.id + "]";
    }

    // --- for ContextLogger and WrapHandler ---------------------------------------------------

    ContextLife life() {
        return life;
    }

    /** The lock that guards this context's fields and orders its messages. */
    Object lock() {
        return lock;
    }

    /** Fills {@code template} from the fields (see {@link Template}); the caller holds {@link #lock()}. */
    String fill(String template, List<String> missing, List<String> withheld) {
        return Template.fill(template, fields, ignored, missing, withheld);
    }

    String prefix() {
        return life.routingKey + " " + life.id + ": ";
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The publishable copy of {@code map}: without ignored keys, contexts replaced by their ids. */
    private static Map<String, Object> published(Map<String, ?> map, Set<String> ignored) {
        if (map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!ignored.contains(k)) {
                out.put(k, published(v));
            }
        });
        return Fields.copyOf(out);
    }

    private static Object published(Object value) {
        return value instanceof Context c ? c.id() : value;
    }

    static String routingKeyOf(Class<?> type) {
        return type.getName().replace('$', '.');
    }

    /**
     * The first class on the stack that is not a Context, its builder or Telltale's facade (the
     * classes between the application and here).
     */
    static String callerRoutingKey() {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != Builder.class && c != Telltale.class && !Context.class.isAssignableFrom(c))
                .findFirst()
                .orElse(Context.class));
        return routingKeyOf(caller);
    }

    /** One cleaner thread for every context, started when the first context is made. */
    private static final class Cleaners {
        static final Cleaner INSTANCE = Cleaner.create(task -> {
            Thread t = new Thread(task, "telltale-context-cleaner");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A mutable copy of {@code map} in its order, a null key written {@code "null"}; when the map
     * has both a null key and {@code "null"}, the later becomes {@code "null#2"} (as in {@link
     * dev.telltale.Event}), so that neither value is lost.
     */
    static Map<String, Object> textKeys(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = k == null ? "null" : k;
            copy.put(copy.containsKey(key) ? Fields.uniqueKey(key, copy::containsKey) : key, v);
        });
        return copy;
    }

    /**
     * Configures a context. Not thread-safe; build on one thread. Every setting is optional.
     */
    public static final class Builder {

        private String name;
        private String id;
        private Map<String, Object> fields = Map.of();
        private Set<String> ignored = Set.of();
        private Map<String, String> headers = Map.of();
        private Mirror mirror;
        private Telltale telltale;
        private Duration waitOnClose;

        private Builder() {}

        /**
         * The routing key of the context's messages. When not given: the subclass's name for a
         * subclass of {@code Context}, else the name of the class that creates the context
         * (found by walking the stack).
         *
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if it is empty or longer than 255 UTF-8 bytes
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name == null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name is empty; leave it out to use the calling class's name");
            }
            if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("name is longer than 255 UTF-8 bytes: " + name);
            }
            this.name = name;
            return this;
        }

        /** The context's own id (a GUID of the application's); default a random UUID. */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id == null");
            return this;
        }

        /** Fields the context is born with (preloaded), in the map's order. */
        public Builder fields(Map<String, ?> fields) {
            Objects.requireNonNull(fields, "fields == null");
            this.fields = textKeys(fields);
            return this;
        }

        /** Keys that are kept in the context but never published. */
        public Builder ignore(String... keys) {
            this.ignored = Set.of(Objects.requireNonNull(keys, "keys == null"));
            return this;
        }

        /** Headers carried by every message of the context (AMQP and Kafka message headers). */
        public Builder headers(Map<String, String> headers) {
            this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
            return this;
        }

        /**
         * Also logs every change to {@code logger} at INFO as {@code name id: x = 1, y = 2}
         * (and {@code ctx.log()} lines at their level). Works without any backend.
         */
        public Builder mirror(System.Logger logger) {
            this.mirror = Mirror.of(Objects.requireNonNull(logger, "logger == null"));
            return this;
        }

        /** As {@link #mirror(System.Logger)}, for a {@code java.util.logging} logger. */
        public Builder mirror(java.util.logging.Logger logger) {
            this.mirror = Mirror.of(Objects.requireNonNull(logger, "logger == null"));
            return this;
        }

        /** The pipeline to publish to; default {@link Telltale#global()}. */
        public Builder telltale(Telltale telltale) {
            this.telltale = Objects.requireNonNull(telltale, "telltale == null");
            return this;
        }

        /**
         * Makes {@link Context#close()} wait, at most {@code timeout}, until the context's
         * messages have been handed to the backend.
         */
        public Builder waitOnClose(Duration timeout) {
            this.waitOnClose = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /** Creates the context; it is born now. */
        public Context start() {
            return new Context(this);
        }

        /**
         * Publishes a transient context: one {@code context.transient} message with the fields,
         * and nothing else (no born, no finished).
         */
        public void publish() {
            String routingKey = name != null ? name : callerRoutingKey();
            ContextLife life = new ContextLife(engine(), routingKey, id(), headers, mirror, false);
            Map<String, Object> out = published(fields, ignored);
            life.emit("context.transient", out);
            if (mirror != null) {
                mirror.info(routingKey + " " + life.id + ": transient" + (out.isEmpty() ? "" : ", " + LogText.describe(out)));
            }
        }

        /**
         * Wraps {@code target} in a proxy implementing {@code type} that behaves exactly like it
         * (calls, results, exceptions, {@code equals}, {@code hashCode}, {@code toString}) while
         * being a context: a call to a setter {@code setX(v)} of {@code type} does not reach
         * the target but sets field {@code x} of the context, which from then on shadows the
         * target's getter {@code getX()} / {@code isX()} on the proxy. A setter is a method of
         * one parameter named {@code set…} that returns {@code void}, or returns {@code type}
         * (a fluent setter, which then returns the proxy). The target never changes through
         * them; other methods, including a {@code set…} returning anything else (a {@code
         * boolean}, say), reach the target as they are. Messages carry a {@code via} header with
         * the target's class name. Close the context with {@code Context.of(proxy).close()}, or
         * let the proxy be collected. This builder is left as it was (its headers and name), so
         * it can start or wrap more as before.
         *
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code type} is not an interface
         */
        public <T> T wrap(Class<T> type, T target) {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(target, "target == null");
            if (!type.isInterface()) {
                throw new IllegalArgumentException(type.getName() + " is not an interface; Context.wrap proxies interfaces");
            }
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("via", target.getClass().getName());
            Builder own = copy(); // this builder stays as it was, to be used again
            own.headers = Map.copyOf(h);
            own.name = name != null ? name : callerRoutingKey();
            Context context = own.start();
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new WrapHandler(context, target));
            return type.cast(proxy);
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.name = name;
            copy.id = id;
            copy.fields = fields;
            copy.ignored = ignored;
            copy.headers = headers;
            copy.mirror = mirror;
            copy.telltale = telltale;
            copy.waitOnClose = waitOnClose;
            return copy;
        }

        Engine engine() {
            return Engines.of(telltale != null ? telltale : Telltale.global());
        }

        String id() {
            return id != null ? id : Ids.random();
        }
    }
}
