package dev.telltale;

import dev.telltale.internal.Engine;
import dev.telltale.internal.Fields;
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
 * <p><b>Threads and costs.</b> A context may be shared between threads: its methods synchronize
 * on it, so that the order of its messages is the order of its changes. {@link #set} publishes
 * without blocking, without I/O and without throwing, whatever the backend is doing; values are
 * encoded later, on Telltale's publisher thread (see {@link Event} on mutable values). Creating
 * a context without a name walks the stack once to find the calling class.
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
        Map<String, Object> born = published(builder.fields);
        life.emit("context.born", born);
        if (life.mirror != null) {
            life.mirror.info(prefix() + "born" + (born.isEmpty() ? "" : ", " + describe(born)));
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
        synchronized (this) {
            fields.put(k, value);
            if (life.isFinished() || ignored.contains(k)) {
                return this;
            }
            Object v = published(value);
            life.emit("context.update", Fields.of(k, v));
            if (life.mirror != null) {
                life.mirror.info(prefix() + k + " = " + text(v));
            }
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
        synchronized (this) {
            Map<String, Object> copy = new LinkedHashMap<>();
            try {
                changes.forEach((k, v) -> copy.put(k == null ? "null" : k, v));
            } catch (RuntimeException e) { // modified meanwhile by another thread, say
                if (!life.isFinished()) {
                    life.emit("context.update", Stamp.unreadable(e));
                }
                return this;
            }
            fields.putAll(copy);
            Map<String, Object> out = published(copy);
            if (life.isFinished() || out.isEmpty()) {
                return this;
            }
            life.emit("context.update", out);
            if (life.mirror != null) {
                life.mirror.info(prefix() + describe(out));
            }
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
        synchronized (this) {
            List<String> removed = new ArrayList<>();
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
            if (life.mirror != null) {
                life.mirror.info(prefix() + "removed " + String.join(", ", removed));
            }
        }
        return this;
    }

    /** The current value of field {@code key} (ignored fields included), or null. */
    public final synchronized Object get(String key) {
        return fields.get(key);
    }

    /** Whether field {@code key} is set (possibly to null). */
    public final synchronized boolean has(String key) {
        return fields.containsKey(key);
    }

    /** A copy of the current fields, in the order they were first set. */
    public final synchronized Map<String, Object> fields() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * A logger whose messages are templates filled from this context's fields ({@code "my foo is
     * {foo}"}) and published as {@code context.log} messages of this context.
     */
    public final synchronized ContextLogger log() {
        if (logger == null) {
            logger = new ContextLogger(this);
        }
        return logger;
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
     * out.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (life.isFinished()) {
                return;
            }
            life.closing();
            cleanable.clean();
        }
        if (waitOnClose != null) {
            life.engine.flush(waitOnClose);
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

    /**
     * Fills {@code template} from the fields; the caller holds this context's lock. A name the
     * context has no field for is left as written and added to {@code missing}; an ignored field
     * is left as written too (it is never published) and added to {@code withheld}.
     */
    String fill(String template, List<String> missing, List<String> withheld) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
                continue;
            }
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String key = template.substring(i + 1, close);
            if (ignored.contains(key) && fields.containsKey(key)) {
                out.append(template, i, close + 1);
                withheld.add(key);
            } else if (fields.containsKey(key)) {
                out.append(text(published(fields.get(key))));
            } else {
                out.append(template, i, close + 1);
                missing.add(key);
            }
            i = close + 1;
        }
        return out.toString();
    }

    String prefix() {
        return life.routingKey + " " + life.id + ": ";
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The publishable copy of {@code map}: without ignored keys, contexts replaced by their ids. */
    private Map<String, Object> published(Map<String, ?> map) {
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

    static String describe(Map<String, ?> map) {
        StringBuilder out = new StringBuilder();
        map.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(k).append(" = ").append(text(v));
        });
        return out.toString();
    }

    static String text(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString() threw " + e.getClass().getName() + ">";
        }
    }

    static String routingKeyOf(Class<?> type) {
        return type.getName().replace('$', '.');
    }

    /** The first class on the stack that is not Telltale's and not a Context. */
    static String callerRoutingKey() {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !c.getPackageName().equals("dev.telltale") && !Context.class.isAssignableFrom(c))
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
            Map<String, Object> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(k == null ? "null" : k, v));
            this.fields = copy;
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
            Map<String, Object> out = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (!ignored.contains(k)) {
                    out.put(k, published(v));
                }
            });
            life.emit("context.transient", Fields.copyOf(out));
            if (mirror != null) {
                mirror.info(routingKey + " " + life.id + ": transient" + (out.isEmpty() ? "" : ", " + describe(out)));
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
         * boolean}, say), reach the target as they are. Messages carry a {@code via} header with the target's class name. Close the
         * context with {@code Context.of(proxy).close()}, or let the proxy be collected.
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
            headers = Map.copyOf(h);
            if (name == null) {
                name = callerRoutingKey();
            }
            Context context = start();
            Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new WrapHandler(context, target));
            return type.cast(proxy);
        }

        Engine engine() {
            return (telltale != null ? telltale : Telltale.global()).engine();
        }

        String id() {
            return id != null ? id : Telltale.randomId();
        }
    }
}
