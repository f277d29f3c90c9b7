package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A malformed spec is refused with a message naming the spec, the member and what is wrong with
 * it; the optional members have their documented defaults; writing keeps what reading needs.
 */
class SpecJsonMessagesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String TARGET = "\"target\":\"handle:h\"";
    private static final String MODIFIED = "\"lastModified\":\"2026-12-07T10:00:00Z\"";
    private static final String INSTRUMENT = "\"instrument\":{\"type\":\"log\",\"name\":\"n\"}";

    /** A spec {@code i} with a valid target, instrument and time, and {@code extra} members. */
    private static String spec(String extra) {
        return "{\"id\":\"i\"," + TARGET + "," + INSTRUMENT + "," + MODIFIED + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** A spec {@code i} whose instrument has type log, name n and {@code extra} members. */
    private static String withInstrument(String extra) {
        return "{\"id\":\"i\"," + TARGET + "," + MODIFIED + ",\"instrument\":{\"type\":\"log\",\"name\":\"n\"," + extra + "}}";
    }

    private static String refused(String json) {
        return assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(json)).getMessage();
    }

    @Test
    void id_missingOrNotAString_orNotAnId_isNamed() {
        assertEquals("a spec needs \"id\", a string", refused("{" + TARGET + "}"));
        assertEquals("a spec needs \"id\", a string, not a number", refused("{\"id\":7}"));
        assertEquals("a spec needs \"id\", a string, not an object", refused("{\"id\":{}}"));
        assertEquals("a spec needs \"id\", a string, not an array", refused("{\"id\":[]}"));
        assertEquals("a spec needs \"id\", a string, not a boolean", refused("{\"id\":true}"));
        assertEquals("a spec needs \"id\", a string", refused("{\"id\":null}"));
        String bad = refused(spec("").replace("\"id\":\"i\"", "\"id\":\"a b\""));
        assertTrue(bad.startsWith("spec 'a b': spec id 'a b' is not 1-100 letters"), bad);
    }

    @Test
    void unknownMember_withoutACloseOne_listsTheKnownMembers() {
        assertEquals("spec 'i': unknown member \"zzzzzzzz\"; known: [applied, id, instrument, lastModified, lifespan, target]",
                refused(spec("\"zzzzzzzz\":1")));
        assertEquals("spec 'i': unknown member \"instrument.valu\" (did you mean \"instrument.value\"?)",
                refused(withInstrument("\"valu\":\"result\"")));
    }

    @Test
    void target_missingOrMalformed_isNamed() {
        assertEquals("spec 'i': \"target\" is missing", refused(spec("").replace(TARGET + ",", "")));
        assertEquals("spec 'i': \"target\" must be a string, not an array", refused(spec("").replace("\"handle:h\"", "[]")));
        String bad = refused(spec("").replace("handle:h", "Orders"));
        assertTrue(bad.startsWith("spec 'i': target 'Orders'"), bad);
    }

    @Test
    void instrument_missingOrNotAnObject_isNamed() {
        assertEquals("spec 'i': \"instrument\" must be an object, not null", refused(spec("").replace(INSTRUMENT + ",", "")));
        assertEquals("spec 'i': \"instrument\" must be an object, not a string",
                refused(spec("").replace(INSTRUMENT, "\"instrument\":\"log\"")));
        assertEquals("spec 'i': \"instrument.type\" is missing",
                refused(spec("").replace(INSTRUMENT, "\"instrument\":{\"name\":\"n\"}")));
        assertEquals("spec 'i': \"instrument.name\" is missing",
                refused(spec("").replace(INSTRUMENT, "\"instrument\":{\"type\":\"log\"}")));
        assertEquals("spec 'i': \"instrument.value\" must be a string, not a number", refused(withInstrument("\"value\":1")));
        assertEquals("spec 'i': \"instrument.condition\" must be a string, not a boolean", refused(withInstrument("\"condition\":false")));
        assertEquals("spec 'i': \"instrument.message\" must be a string, not an object", refused(withInstrument("\"message\":{}")));
        assertEquals("spec 'i': \"instrument.event\" must be a string, not a number", refused(withInstrument("\"event\":1")));
    }

    @Test
    void rateLimitAndSampling_mustBeNumbers_inRange() {
        assertEquals("spec 'i': \"instrument.rateLimit\" must be a number, not a string", refused(withInstrument("\"rateLimit\":\"5\"")));
        assertEquals("spec 'i': \"instrument.sampling\" must be a number, not a boolean", refused(withInstrument("\"sampling\":true")));
        String negative = refused(withInstrument("\"rateLimit\":-1"));
        assertTrue(negative.startsWith("spec 'i': rate limit -1.0 "), negative);
        String over = refused(withInstrument("\"sampling\":2"));
        assertTrue(over.startsWith("spec 'i': sampling 2.0 "), over);

        InstrumentSpec in = SpecJson.parse(withInstrument("\"rateLimit\":2.5,\"sampling\":0.25")).instrument();
        assertEquals(2.5, in.rateLimit());
        assertEquals(0.25, in.sampling());
        InstrumentSpec whole = SpecJson.parse(withInstrument("\"rateLimit\":3,\"sampling\":1")).instrument();
        assertEquals(3.0, whole.rateLimit());
        assertEquals(1.0, whole.sampling());
    }

    @Test
    void custom_mustBeAnObjectOfScalars_whichAreKeptAsText() {
        assertEquals("spec 'i': instrument.custom must be an object of strings, not an array", refused(withInstrument("\"custom\":[]")));
        assertEquals("spec 'i': instrument.custom must be an object of strings, not a string", refused(withInstrument("\"custom\":\"k=v\"")));
        assertEquals("spec 'i': instrument.custom.k must be a string, number or boolean, not an object",
                refused(withInstrument("\"custom\":{\"k\":{}}")));
        assertEquals("spec 'i': instrument.custom.k must be a string, number or boolean, not an array",
                refused(withInstrument("\"custom\":{\"k\":[1]}")));
        assertEquals("spec 'i': instrument.custom.k must be a string, number or boolean, not null",
                refused(withInstrument("\"custom\":{\"k\":null}")));

        InstrumentSpec in = SpecJson.parse(withInstrument("\"custom\":{\"s\":\"v\",\"n\":5,\"b\":true}")).instrument();
        assertEquals(Map.of("s", "v", "n", "5", "b", "true"), in.options());
    }

    @Test
    void lifespan_shortOrIsoForm_orItsDefault_andABadOneNamed() {
        assertEquals(Duration.ofMinutes(30), SpecJson.parse(spec("\"lifespan\":\"PT30M\"")).lifespan());
        assertEquals(Duration.ofMinutes(5), SpecJson.parse(spec("\"lifespan\":\"pt5m\"")).lifespan());
        assertEquals(Duration.ofSeconds(90), SpecJson.parse(spec("\"lifespan\":\"90s\"")).lifespan());
        assertEquals(InstrumentSpec.DEFAULT_LIFESPAN, SpecJson.parse(spec("")).lifespan());
        assertEquals("spec 'i': \"lifespan\" '30 minutes' is not a duration such as \"30m\", \"2h\" or \"PT30M\"",
                refused(spec("\"lifespan\":\"30 minutes\"")));
        assertEquals("spec 'i': \"lifespan\" 'P' is not a duration such as \"30m\", \"2h\" or \"PT30M\"",
                refused(spec("\"lifespan\":\"P\"")));
        assertEquals("spec 'i': \"lifespan\" 'px' is not a duration such as \"30m\", \"2h\" or \"PT30M\"",
                refused(spec("\"lifespan\":\"px\"")));
    }

    @Test
    void lastModified_andAppliedTimes_mustBeInstants() {
        assertEquals("spec 'i': \"lastModified\" 'yesterday' is not an ISO-8601 instant such as 2026-12-07T10:00:00Z",
                refused(spec("").replace("2026-12-07T10:00:00Z", "yesterday")));
        assertEquals("spec 'i': \"lastModified\" must be a string, not a number", refused(spec("").replace("\"2026-12-07T10:00:00Z\"", "0")));
        assertEquals(T0, SpecJson.parse(spec("")).lastModified());
    }

    @Test
    void applied_mustBeAnObjectOfStatuses_eachNamedByItsProcess() {
        assertEquals("spec 'i': \"applied\" must be an object, not an array", refused(spec("\"applied\":[]")));
        assertEquals("spec 'i': applied.p must be an object", refused(spec("\"applied\":{\"p\":\"applied\"}")));
        assertEquals("spec 'i': \"applied.p.status\" is missing", refused(spec("\"applied\":{\"p\":{\"at\":\"2026-12-07T10:00:00Z\"}}")));
        assertEquals("spec 'i': applied.p.status 'done' is not applied, failed or expired",
                refused(spec("\"applied\":{\"p\":{\"status\":\"done\",\"at\":\"2026-12-07T10:00:00Z\"}}")));
        assertEquals("spec 'i': unknown member \"applied.p.stauts\" (did you mean \"applied.p.status\"?)",
                refused(spec("\"applied\":{\"p\":{\"stauts\":\"applied\",\"at\":\"2026-12-07T10:00:00Z\"}}")));
        assertEquals("spec 'i': \"applied.p.at\" is missing", refused(spec("\"applied\":{\"p\":{\"status\":\"applied\"}}")));
        assertEquals("spec 'i': \"applied.p.at\" 'now' is not an ISO-8601 instant such as 2026-12-07T10:00:00Z",
                refused(spec("\"applied\":{\"p\":{\"status\":\"applied\",\"at\":\"now\"}}")));
        assertEquals("spec 'i': \"applied.p.error\" must be a string, not a number",
                refused(spec("\"applied\":{\"p\":{\"status\":\"failed\",\"error\":1,\"at\":\"2026-12-07T10:00:00Z\"}}")));

        ProbeSpec spec = SpecJson.parse(spec("\"applied\":{\"p\":{\"status\":\"EXPIRED\",\"at\":\"2026-12-07T10:00:00Z\"}}"));
        assertEquals(Map.of("p", new ProbeSpec.Applied(ProbeSpec.Status.EXPIRED, null, T0)), spec.applied());
        assertEquals(Map.of(), SpecJson.parse(spec("")).applied());
    }

    @Test
    void parseApplied_readsWhatToJsonWrites_andNamesABadStatus() {
        ProbeSpec.Applied failed = new ProbeSpec.Applied(ProbeSpec.Status.FAILED, "no agent", T0);
        assertEquals("{\"status\":\"failed\",\"error\":\"no agent\",\"at\":\"2026-12-07T10:00:00Z\"}", SpecJson.toJson(failed));
        assertEquals(failed, SpecJson.parseApplied(SpecJson.toJson(failed)));
        assertEquals("applied.status 'gone' is not applied, failed or expired",
                assertThrows(IllegalArgumentException.class,
                        () -> SpecJson.parseApplied("{\"status\":\"gone\",\"at\":\"2026-12-07T10:00:00Z\"}")).getMessage());
        String extra = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.parseApplied("{\"status\":\"applied\",\"at\":\"2026-12-07T10:00:00Z\",\"x\":1}")).getMessage();
        assertTrue(extra.startsWith("unknown member \"applied.x\""), extra);
    }

    @Test
    void parseAll_namesTheElement_onlyWhenThereIsAnArray() {
        String one = "{\"id\":\"a\"," + TARGET + "," + INSTRUMENT + "}";
        assertEquals("a spec is a JSON object, not a number",
                assertThrows(IllegalArgumentException.class, () -> SpecJson.parseAll("5", T0)).getMessage());
        assertEquals("element 1: a spec is a JSON object, not a string",
                assertThrows(IllegalArgumentException.class, () -> SpecJson.parseAll("[" + one + ",\"b\"]", T0)).getMessage());
        assertEquals("spec 'a': \"target\" is missing",
                assertThrows(IllegalArgumentException.class,
                        () -> SpecJson.parseAll(one.replace(TARGET + ",", ""), T0)).getMessage());
        assertEquals("element 0: spec 'a': \"target\" is missing",
                assertThrows(IllegalArgumentException.class,
                        () -> SpecJson.parseAll("[" + one.replace(TARGET + ",", "") + "]", T0)).getMessage());

        List<ProbeSpec> single = SpecJson.parseAll(one, T0);
        assertEquals(1, single.size());
        assertEquals(T0, single.get(0).lastModified());
        Instant given = T0.minusSeconds(60);
        String dated = one.replace("}}", "},\"lastModified\":\"" + given + "\"}");
        assertEquals(given, SpecJson.parseAll(dated, T0).get(0).lastModified());
        assertEquals(List.of(), SpecJson.parseAll("[]", T0));
    }

    @Test
    void toMap_writesTheMessageOnlyWhenSet_andTheStatusesByProcess() {
        InstrumentSpec plain = InstrumentSpec.counter("n").build();
        ProbeSpec spec = new ProbeSpec("s", Target.handle("h"), plain, T0,
                Map.of("z", new ProbeSpec.Applied(ProbeSpec.Status.APPLIED, null, T0),
                        "a", new ProbeSpec.Applied(ProbeSpec.Status.EXPIRED, null, T0)));
        Map<String, Object> map = SpecJson.toMap(spec, true);
        @SuppressWarnings("unchecked")
        Map<String, Object> instrument = (Map<String, Object>) map.get("instrument");
        assertFalse(instrument.containsKey("message"), instrument::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> applied = (Map<String, Object>) map.get("applied");
        assertEquals(List.of("a", "z"), List.copyOf(applied.keySet()));
        assertFalse(SpecJson.toMap(spec, false).containsKey("applied"));

        ProbeSpec logged = new ProbeSpec("s", Target.handle("h"),
                InstrumentSpec.builder("log", "n").event(ProbeEvent.EXCEPTION).message("failed: {}").build(), T0, Map.of());
        String json = SpecJson.toJson(logged, false);
        assertTrue(json.contains("\"message\":\"failed: {}\""), json);
        assertTrue(json.contains("\"event\":\"exception\""), json);
        assertEquals(logged, SpecJson.parse(json));
        assertNull(SpecJson.parse(spec("")).instrument().message());
    }
}
