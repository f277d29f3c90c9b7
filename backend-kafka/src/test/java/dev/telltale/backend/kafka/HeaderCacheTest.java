package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class HeaderCacheTest {

    @Test
    void get_sameNameAndValue_sharesOneHeader() {
        HeaderCache cache = new HeaderCache();
        Header first = cache.get("telltale-kind", "order.placed");
        assertSame(first, cache.get("telltale-kind", new String("order.placed")));
        assertNotSame(first, cache.get("telltale-kind", "order.paid"));
        assertNotSame(first, cache.get("other", "order.placed"));
        assertEquals("telltale-kind", first.key());
        assertArrayEquals("order.placed".getBytes(StandardCharsets.UTF_8), first.value());
    }

    @Test
    void get_pastTheLimit_stillAnswersWithoutKeeping() {
        HeaderCache cache = new HeaderCache();
        for (int i = 0; i < HeaderCache.LIMIT; i++) {
            cache.get("k", "v" + i);
        }
        Header extra = cache.get("k", "ünïcode");
        assertArrayEquals("ünïcode".getBytes(StandardCharsets.UTF_8), extra.value());
        assertNotSame(extra, cache.get("k", "ünïcode"));
        assertSame(cache.get("k", "v1"), cache.get("k", "v1"));
    }
}
