package dev.telltale.core.internal.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import dev.telltale.tool.SpecJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void toJsonThenParse_givesTheSameSpec_withApplied() {
        ProbeSpec spec = new ProbeSpec("s1", Target.parse("com.acme.Orders#checkout"),
                InstrumentSpec.histogram("total", "args[0].total").event(ProbeEvent.CALL).condition("args[0].total > 10")
                        .option("k", "v").lifespan(Duration.ofMinutes(30)).build(),
                T0, Map.of("svc@h:1", new ProbeSpec.Applied(ProbeSpec.Status.FAILED, "no agent", T0.plusSeconds(1))));
        assertEquals(spec, SpecJson.parse(SpecJson.toJson(spec, true)));
        assertEquals(spec.withApplied(Map.of()), SpecJson.parse(SpecJson.toJson(spec, false)));
        assertEquals(T0.plus(Duration.ofMinutes(30)), spec.expires());
    }

    @Test
    void parse_issueForm_withShortLifespan_andDefaults() {
        ProbeSpec spec = SpecJson.parse("{\"id\":\"i\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"log\",\"name\":\"n\","
                + "\"value\":\"result\",\"event\":\"return\",\"custom\":{}},\"lifespan\":\"10m\",\"lastModified\":\"2026-12-07T10:00:00Z\",\"applied\":{}}");
        assertEquals(Duration.ofMinutes(10), spec.lifespan());
        assertEquals(ProbeEvent.RETURN, spec.instrument().event());
        assertEquals("result", spec.instrument().value());
    }

    @Test
    void parse_badMembers_nameSpecAndMember() {
        assertMessage("{\"target\":\"handle:h\"}", "needs \"id\"");
        assertMessage("{\"id\":\"i\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"log\",\"name\":\"n\"},\"lastModified\":\"2026-12-07T10:00:00Z\",\"lifespn\":\"1m\"}",
                "spec 'i': unknown member \"lifespn\" (did you mean \"lifespan\"?)");
        assertMessage("{\"id\":\"i\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"log\",\"name\":\"n\",\"event\":\"later\"},\"lastModified\":\"2026-12-07T10:00:00Z\"}",
                "instrument.event 'later' is not call, return or exception");
        assertMessage("{\"id\":\"i\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"log\",\"name\":\"n\"},\"lifespan\":10,\"lastModified\":\"2026-12-07T10:00:00Z\"}",
                "\"lifespan\" must be a string, not a number");
        assertMessage("{\"id\":\"i\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"log\",\"name\":\"n\"}}", "\"lastModified\" is missing");
        assertMessage("{\"id\":\"i\",", "line 1, column");
    }

    @Test
    void parseAll_readsArray_fillsLastModified_andRefusesDuplicates() {
        String one = "{\"id\":\"a\",\"target\":\"handle:h\",\"instrument\":{\"type\":\"counter\",\"name\":\"n\"}}";
        List<ProbeSpec> specs = SpecJson.parseAll("[" + one + "," + one.replace("\"a\"", "\"b\"") + "]", T0);
        assertEquals(List.of("a", "b"), specs.stream().map(ProbeSpec::id).toList());
        assertEquals(T0, specs.get(0).lastModified());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parseAll("[" + one + "," + one + "]", T0));
        assertTrue(e.getMessage().contains("element 1: spec id 'a' occurs twice"), e.getMessage());
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
