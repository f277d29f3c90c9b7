package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.SourceConfig;
import dev.telltale.spi.Subscription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KeyValues}, {@link QueueOptions} and {@link HeaderMatch}. */
class OptionsTest {

    /** The options as the backend gets them: resolved by the core, then read by QueueOptions. */
    private static QueueOptions options(Map<String, String> options) {
        SourceConfig config = SourceConfig.resolve(new AmqpBackend(), TestConfig.of(), new Subscription(List.of(), options));
        return QueueOptions.from(config, config.subscription());
    }

    @Test
    void keyValues_list_isParsedInOrderWithTrimming() {
        assertEquals(List.of("a", "b", "c"), List.copyOf(KeyValues.parse("k", " a=1 , b = x=y,,c=").keySet()));
        assertEquals(Map.of("a", "1", "b", "x=y", "c", ""), KeyValues.parse("k", "a=1,b=x=y,c="));
        assertEquals(Map.of(), KeyValues.parse("k", "  "));
    }

    @Test
    void keyValues_malformed_throwNamingWhatWasParsed() {
        for (String bad : List.of("a", "=1", "a=1,a=2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyValues.parse("opt", bad));
            assertTrue(e.getMessage().startsWith("opt"), e.getMessage());
        }
    }

    @Test
    void queueOptions_defaults_privateQueueWithTtlExpiryAndLengthLimit() {
        QueueOptions o = options(Map.of());
        assertTrue(o.privateQueue());
        assertEquals(Map.of("x-message-ttl", 60_000, "x-expires", 300_000, "x-max-length", 100_000), o.arguments());
        assertEquals(256, o.prefetch());
        assertEquals(Map.of(), o.headers());
        assertTrue(o.matchAll());
    }

    @Test
    void queueOptions_namedQueue_getsOnlyTheLimitsGiven() {
        assertEquals(Map.of(), options(Map.of("queue", "events")).arguments());
        assertEquals(Map.of("x-message-ttl", 1500), options(Map.of("queue", "events", "message-ttl", "1500ms")).arguments());
    }

    @Test
    void queueOptions_zeroLimitsAndExtraArguments_shapeTheArguments() {
        QueueOptions o = options(Map.of("telltale.amqp.message-ttl", "0", "expires", "0", "max-length", "0",
                "queue-arguments", "x-max-length-bytes=1048576,x-single-active-consumer=true,x-queue-mode=lazy,"
                        + "x-big=99999999999"));
        assertEquals(Map.of("x-max-length-bytes", 1_048_576, "x-single-active-consumer", true, "x-queue-mode", "lazy",
                "x-big", 99_999_999_999L), o.arguments());
        assertEquals(Map.of("x-expires", 300_000, "x-max-length", 100_000),
                options(Map.of("queue-arguments", "x-message-ttl=")).arguments());
    }

    @Test
    void queueOptions_headersAndMatch_areRead() {
        QueueOptions o = options(Map.of("headers", "tenant=acme,telltale-kind=log", "x-match", "ANY", "prefetch", "10"));
        assertEquals(Map.of("tenant", "acme", "telltale-kind", "log"), o.headers());
        assertFalse(o.matchAll());
        assertEquals(10, o.prefetch());
    }

    @Test
    void queueOptions_badValues_throwNamingTheOption() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("tail", "1"), "tail",
                Map.of("prefetch", "0"), "prefetch",
                Map.of("prefetch", "many"), "prefetch",
                Map.of("message-ttl", "60"), "message-ttl",
                Map.of("expires", "50d"), "expires",
                Map.of("max-length", "-1"), "max-length",
                Map.of("x-match", "some"), "x-match",
                Map.of("headers", "tenant"), "headers",
                Map.of("prefetch", "1", "telltale.amqp.prefetch", "2"), "prefetch");
        cases.forEach((given, named) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(given));
            assertTrue(e.getMessage().contains(named), given + ": " + e.getMessage());
        });
    }

    @Test
    void headerMatch_allAndAny_followTheHeadersExchange() {
        Map<String, String> actual = Map.of("a", "1", "b", "2");
        assertTrue(new HeaderMatch(Map.of("a", "1", "b", "2"), true).matches(actual));
        assertFalse(new HeaderMatch(Map.of("a", "1", "b", "3"), true).matches(actual));
        assertTrue(new HeaderMatch(Map.of("a", "1", "b", "3"), false).matches(actual));
        assertFalse(new HeaderMatch(Map.of("a", "9", "c", "1"), false).matches(actual));
        assertTrue(new HeaderMatch(Map.of("a", "1", "x-ignored", "zz"), true).matches(actual));
        assertTrue(HeaderMatch.NONE.matches(Map.of()));
    }
}
