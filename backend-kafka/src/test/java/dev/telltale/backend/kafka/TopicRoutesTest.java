package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicRoutesTest {

    private static TopicRoutes routes(String mapping) {
        return TopicRoutes.parse("telltale.kafka.topic", "telltale.events", "telltale.kafka.topics", mapping);
    }

    @Test
    void topic_noMapping_isTheDefault() {
        assertEquals("telltale.events", routes("").topic("orders.created"));
        assertEquals(List.of("telltale.events"), List.copyOf(routes(" ").all()));
    }

    @Test
    void topic_firstMatchingPatternWins_elseDefault() {
        TopicRoutes routes = routes("orders.#=orders, audit.*=audit ,#.error=errors");
        assertEquals("orders", routes.topic("orders.created"));
        assertEquals("orders", routes.topic("orders"));
        assertEquals("orders", routes.topic("orders.db.error"));
        assertEquals("audit", routes.topic("audit.login"));
        assertEquals("errors", routes.topic("audit.login.error"));
        assertEquals("telltale.events", routes.topic("audit"));
        assertEquals("telltale.events", routes.topic("shop.payments"));
        assertEquals(List.of("telltale.events", "orders", "audit", "errors"), List.copyOf(routes.all()));
    }

    @Test
    void topic_moreKeysThanTheCacheHolds_stillRouted() {
        TopicRoutes routes = routes("a.#=a-topic");
        for (int i = 0; i < TopicRoutes.CACHE_LIMIT * 2; i++) {
            assertEquals(i % 2 == 0 ? "a-topic" : "telltale.events", routes.topic((i % 2 == 0 ? "a." : "b.") + i));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders.#", "orders.#=", "=orders", "orders.#=bad topic", "a=b,,c=d", "x=a/b", "y=.."})
    void parse_badEntry_throwsNamingKeyAndEntry(String mapping) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> routes(mapping));
        assertTrue(e.getMessage().startsWith("telltale.kafka.topics: entry '"), e.getMessage());
    }

    @Test
    void parse_badDefaultTopic_throwsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicRoutes.parse("telltale.kafka.topic", "events!", "telltale.kafka.topics", ""));
        assertTrue(e.getMessage().contains("telltale.kafka.topic=events!"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TopicRoutes.parse("telltale.kafka.topic", "x".repeat(250), "telltale.kafka.topics", ""));
    }
}
