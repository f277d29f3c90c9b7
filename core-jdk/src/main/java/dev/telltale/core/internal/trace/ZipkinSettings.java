package dev.telltale.core.internal.trace;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Origin;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Zipkin reporter's settings. The {@code telltale.trace.zipkin.*} keys, and the pipeline's
 * retry, value, health and flush keys, which it shares.
 *
 * @param endpoint the URL spans are posted to ({@code .../api/v2/spans})
 * @param queueCapacity most spans waiting
 * @param queueMaxBytes most estimated bytes waiting
 * @param batchSize most spans per POST
 * @param batchMaxBytes largest POST body, and so largest span
 * @param interval longest a span waits before it is sent
 * @param timeout longest one POST may take
 * @param retryAttempts attempts per batch before it is dropped (backend-error)
 * @param backoff the first wait after a failure, doubled for each further one
 * @param maxBackoff the longest wait between attempts
 * @param maxChars longest string (name, tag value, annotation) before it is cut with a marker
 * @param healthInterval period of the health reports, zero for none
 * @param closeTimeout longest {@link ZipkinSink#close()}
 */
public record ZipkinSettings(URI endpoint, int queueCapacity, long queueMaxBytes, int batchSize, int batchMaxBytes,
        Duration interval, Duration timeout, int retryAttempts, Duration backoff, Duration maxBackoff, int maxChars,
        Duration healthInterval, Duration closeTimeout) {

    /** The path of Zipkin's v2 span endpoint, added to a URL that has no path. */
    public static final String SPANS_PATH = "/api/v2/spans";

    /**
     * @throws NullPointerException if a duration or the endpoint is null
     * @throws IllegalArgumentException naming the component that is out of range
     */
    public ZipkinSettings {
        Objects.requireNonNull(endpoint, "endpoint == null");
        positive("queueCapacity", queueCapacity);
        positive("queueMaxBytes", queueMaxBytes);
        positive("batchSize", batchSize);
        if (batchMaxBytes < 1024 || batchMaxBytes > (64 << 20)) {
            throw new IllegalArgumentException("batchMaxBytes must be in [1KiB, 64MiB]: " + batchMaxBytes);
        }
        positive("retryAttempts", retryAttempts);
        positive("maxChars", maxChars);
        for (Duration d : new Duration[] {interval, timeout, backoff, maxBackoff, healthInterval, closeTimeout}) {
            Objects.requireNonNull(d, "a duration is null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (interval.isZero() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
    }

    /** The defaults of the configuration table, posting to {@code endpoint}. */
    public static ZipkinSettings defaults(URI endpoint) {
        return new ZipkinSettings(endpoint, 4096, 8L << 20, 512, 512 << 10, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(5), 16384, Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    /**
     * Reads the settings from {@code config}, or returns null when {@code telltale.trace.zipkin.url}
     * is empty. A malformed URL set in code throws; from the environment it is reported through
     * {@code warn}, and no spans are sent to Zipkin.
     *
     * @throws IllegalArgumentException if the URL was set in code and is not an http(s) URL
     */
    public static ZipkinSettings from(Config config, Consumer<String> warn) {
        String text = config.string(CoreKeys.TRACE_ZIPKIN_URL).strip();
        if (text.isEmpty()) {
            return null;
        }
        URI endpoint;
        try {
            endpoint = endpoint(text);
        } catch (IllegalArgumentException e) {
            Origin origin = config.origin(CoreKeys.TRACE_ZIPKIN_URL.name());
            if (origin == Origin.CODE) {
                throw e;
            }
            warn.accept(e.getMessage() + " (" + origin.label() + "); no spans are sent to Zipkin");
            return null;
        }
        long queueBytes = Math.max(config.size(CoreKeys.TRACE_ZIPKIN_QUEUE_MAX_BYTES),
                config.size(CoreKeys.TRACE_ZIPKIN_BATCH_MAX_BYTES));
        Duration backoff = config.duration(CoreKeys.RETRY_BACKOFF);
        Duration maxBackoff = config.duration(CoreKeys.RETRY_MAX_BACKOFF);
        return new ZipkinSettings(endpoint, config.integer(CoreKeys.TRACE_ZIPKIN_QUEUE_CAPACITY), queueBytes,
                config.integer(CoreKeys.TRACE_ZIPKIN_BATCH_SIZE),
                (int) config.size(CoreKeys.TRACE_ZIPKIN_BATCH_MAX_BYTES), config.duration(CoreKeys.TRACE_ZIPKIN_INTERVAL),
                config.duration(CoreKeys.TRACE_ZIPKIN_TIMEOUT), config.integer(CoreKeys.RETRY_ATTEMPTS), backoff,
                maxBackoff.compareTo(backoff) < 0 ? backoff : maxBackoff, config.integer(CoreKeys.VALUE_MAX_CHARS),
                config.duration(CoreKeys.HEALTH_INTERVAL), config.duration(CoreKeys.FLUSH_TIMEOUT));
    }

    /**
     * The span endpoint named by {@code text}: an http or https URL with a host; when its path is
     * empty or {@code /}, {@value #SPANS_PATH} is added.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("telltale.trace.zipkin.url: '" + text + "' is no URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("telltale.trace.zipkin.url: '" + text
                    + "' is not an http or https URL (like http://localhost:9411)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("telltale.trace.zipkin.url: '" + text + "' has no host");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            try {
                return new URI(scheme, uri.getRawAuthority(), SPANS_PATH, uri.getRawQuery(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("telltale.trace.zipkin.url: '" + text + "': " + e.getMessage());
            }
        }
        return uri;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }
}
