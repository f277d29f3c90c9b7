package dev.telltale.junit;

import dev.telltale.Telltale;
import dev.telltale.junit.internal.MemoryBackend;
import dev.telltale.junit.internal.MemoryStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a Telltale pipeline of its own, whose events stay in memory, and injects a
 * {@link TelltaleRecorder} to reach it and assert on them:
 *
 * <pre>{@code
 * @ExtendWith(TelltaleExtension.class)
 * class ShopTest {
 *     @Test
 *     void placing_an_order_emits_it(TelltaleRecorder recorder) {
 *         new Shop(recorder.telltale()).place(42);
 *         assertEquals(1, recorder.awaitEvents("order.placed", 1, Duration.ofSeconds(5)).size());
 *     }
 * }
 * }</pre>
 *
 * or, to configure it, {@code @RegisterExtension static final TelltaleExtension telltale =
 * TelltaleExtension.builder().capacity(1_000).build();}.
 *
 * <p><b>Each test.</b> Before the test (before its {@code @BeforeEach} methods and the before-each
 * callbacks of extensions registered after this one), a pipeline is built on the {@code memory}
 * backend with a store of its own: {@code Telltale.builder().backend("memory")}, not reading the
 * environment, no shutdown hook, a flush interval of 10 ms and no health events (any of these
 * may be changed with {@link Builder#set}). After the test (after its {@code @AfterEach} methods
 * and the after-each callbacks of extensions registered after this one) the recorder's
 * breakpoints are closed, every probe is detached, the pipeline is closed (which ends any other
 * breakpoint made on its probes and joins the threads it started), and the test fails if an event
 * was dropped, unless drops are allowed. So a test never sees another's events, also
 * when tests run in parallel.
 *
 * <p><b>Parameters.</b> A {@link TelltaleRecorder} parameter of a test method, a {@code
 * @BeforeEach} or {@code @AfterEach} method (or a test template's invocations) gets the test's
 * recorder; one of a constructor or a {@code @BeforeAll} method fails with a message saying so,
 * since there is no test yet.
 *
 * <p>Immutable and thread-safe; one instance may serve tests running in parallel.
 */
public final class TelltaleExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TelltaleExtension.class);
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(10);

    private final Map<String, String> settings;
    private final boolean failOnDrops;

    /** The extension with the defaults, for {@code @ExtendWith(TelltaleExtension.class)}. */
    public TelltaleExtension() {
        this(new Builder());
    }

    private TelltaleExtension(Builder builder) {
        this.settings = Map.copyOf(builder.settings);
        this.failOnDrops = builder.failOnDrops;
    }

    /** A builder for an extension configured in code, for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the test's pipeline.
     *
     * @throws IllegalArgumentException if a setting is unknown or malformed; the message names it
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        MemoryStore store = MemoryStore.named("junit-" + UUID.randomUUID());
        Telltale telltale;
        try {
            Telltale.Builder builder = Telltale.builder()
                    .readEnvironment(false)
                    .shutdownHook(false)
                    .flushInterval(FLUSH_INTERVAL)
                    .healthInterval(Duration.ZERO);
            settings.forEach(builder::set);
            telltale = builder.backend(MemoryBackend.NAME).set(MemoryBackend.STORE.name(), store.name()).build();
        } catch (RuntimeException | Error e) {
            MemoryStore.release(store);
            throw e;
        }
        context.getStore(NAMESPACE).put(this, new TelltaleRecorder(telltale, store));
    }

    /**
     * Ends the test's pipeline: see {@link TelltaleRecorder} for the steps.
     *
     * @throws AssertionError if events were dropped and drops are checked
     */
    @Override
    public void afterEach(ExtensionContext context) {
        TelltaleRecorder recorder = context.getStore(NAMESPACE).remove(this, TelltaleRecorder.class);
        if (recorder != null) {
            recorder.finish(failOnDrops);
        }
    }

    /** True for a parameter of type {@link TelltaleRecorder}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TelltaleRecorder.class;
    }

    /**
     * The test's recorder.
     *
     * @throws ParameterResolutionException if there is no test yet (a constructor, a {@code
     *     @BeforeAll} method); the message says where the parameter may go
     */
    @Override
    public TelltaleRecorder resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TelltaleRecorder recorder = context.getStore(NAMESPACE).get(this, TelltaleRecorder.class);
        if (recorder == null) {
            throw new ParameterResolutionException("TelltaleExtension makes a TelltaleRecorder for each test: declare it"
                    + " as a parameter of a test method or of a @BeforeEach or @AfterEach method, not of "
                    + parameter.getDeclaringExecutable());
        }
        return recorder;
    }

    @Override
    public String toString() {
        return "TelltaleExtension{" + settings + (failOnDrops ? "" : ", drops allowed") + "}";
    }

    /** Configures a {@link TelltaleExtension}. Not thread-safe; build on one thread. */
    public static final class Builder {

        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean failOnDrops = true;

        private Builder() {}

        /**
         * Sets a {@code telltale.*} key of every test's pipeline (the README's table lists them);
         * it wins over the extension's own defaults. The value is checked when a test's pipeline is
         * built, and a bad one fails that test naming the key.
         *
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code key} does not start with {@code telltale.}, or
         *     is {@code telltale.backend} or {@code telltale.memory.store}, which the extension
         *     sets itself
         */
        public Builder set(String key, String value) {
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(value, "value == null");
            if (!key.startsWith("telltale.")) {
                throw new IllegalArgumentException("not a Telltale key (they start with 'telltale.'): " + key);
            }
            if (key.equals("telltale.backend") || key.equals(MemoryBackend.STORE.name())) {
                throw new IllegalArgumentException(key + " is set by TelltaleExtension itself: each test's pipeline"
                        + " publishes to a memory store of its own");
            }
            settings.put(key, value);
            return this;
        }

        /**
         * The most events each test keeps ({@code telltale.memory.capacity}); the oldest beyond it
         * are dropped and counted. Default 100,000.
         *
         * @throws IllegalArgumentException if {@code events} is less than 1
         */
        public Builder capacity(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("capacity must be at least 1 but was " + events);
            }
            return set(MemoryBackend.CAPACITY.name(), Integer.toString(events));
        }

        /**
         * Whether a test fails when its pipeline dropped events (queue full, too large, refused,
         * not published by close) or its memory dropped the oldest. Default true; a single test
         * can also allow them with {@link TelltaleRecorder#allowDrops()}.
         */
        public Builder failOnDrops(boolean fail) {
            this.failOnDrops = fail;
            return this;
        }

        /** The extension. The builder can be used again. */
        public TelltaleExtension build() {
            return new TelltaleExtension(this);
        }
    }
}
