package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A null key beside {@code "null"} in one map loses neither value, as in an emitted event. */
class ContextNullKeyTest {

    private final Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN);

    @AfterEach
    void close() {
        telltale.close();
    }

    private static Map<String, Object> bothNullKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("null", "text");
        map.put(null, "null key");
        return map;
    }

    @Test
    void update_nullKeyBesideTextNull_keepsBothValues() {
        try (Context ctx = Context.builder().telltale(telltale).name("t").start()) {
            ctx.update(bothNullKeys());
            assertEquals(Map.of("null", "text", "null#2", "null key"), ctx.fields());
            Event update = FakeEngineFactory.engine(telltale).events().stream()
                    .filter(e -> e.kind().equals("context.update")).findFirst().orElseThrow();
            assertEquals(Map.of("null", "text", "null#2", "null key"), update.fields());
        }
    }

    @Test
    void builderFields_nullKeyBesideTextNull_keepsBothValues() {
        try (Context ctx = Context.builder().telltale(telltale).name("t").fields(bothNullKeys()).start()) {
            assertEquals(Map.of("null", "text", "null#2", "null key"), ctx.fields());
        }
    }
}
