package dev.telltale.monitor;

import static dev.telltale.monitor.Lines.born;
import static dev.telltale.monitor.Lines.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.json.JsonPrinter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Monitor#messages} over JSON lines: the forms it reads, positions, malformed input. */
class MessagesTest {

    private final List<MalformedInput> malformed = new ArrayList<>();

    private MonitorOptions.Builder options() {
        return MonitorOptions.builder().onMalformed(malformed::add);
    }

    @Test
    void events_areReadAsPublished_withLinePositions_blankLinesCounted() {
        String a = born("c1", 0, "{\"url\":\"http://foo.com/ä\"}");
        String b = update("c1", 2, 1, "{\"n\":1.5E10}");
        List<Message> out = Lines.messages(options(), a, "", "   ", b);

        assertEquals(2, out.size());
        assertEquals(a, out.get(0).json());
        assertEquals(b, out.get(1).json());
        assertEquals("stdin:1", out.get(0).position());
        assertEquals("stdin:4", out.get(1).position());
        assertEquals("context.born", out.get(0).event().kind());
        assertEquals("shop.request", out.get(0).routingKey());
        assertEquals(Map.of(), out.get(0).headers());
        assertEquals(Lines.T0.plusMillis(1), out.get(1).event().time());
        assertEquals(List.of(), malformed);
    }

    @Test
    void crlfLineEnds_andALastLineWithoutLineEnd_areRead() throws IOException {
        String a = born("c1", 0, "{}");
        String b = update("c1", 2, 1, "{}");
        byte[] bytes = (a + "\r\n" + b).getBytes(StandardCharsets.UTF_8);
        List<Message> out = Lines.drain(Monitor.messages(options().input(new ByteArrayInputStream(bytes)).build()));

        assertEquals(List.of(a, b), out.stream().map(Message::json).toList());
    }

    @Test
    void longLines_spanningManyChunks_areRead() {
        String big = "x".repeat(LineInput.CHUNK * 3 + 17);
        String a = update("c1", 2, 1, "{\"big\":\"" + big + "\"}");
        List<Message> out = Lines.messages(options(), born("c1", 0, "{}"), a, update("c1", 3, 2, "{}"));

        assertEquals(3, out.size());
        assertEquals(a, out.get(1).json());
        assertEquals(big, out.get(1).event().field("big"));
        assertEquals("stdin:3", out.get(2).position());
    }

    @Test
    void verboseForm_isReadBack_withItsRoutingKeyAndHeaders() {
        String event = born("c1", 0, "{\"a\":1}");
        String wrapped = "{\"routingKey\":\"shop.request\",\"headers\":{\"tenant\":\"acme\"},\"position\":\"events.jsonl:7\","
                + "\"event\":" + event + "}";
        List<Message> out = Lines.messages(options(), wrapped);

        assertEquals(1, out.size());
        Message m = out.get(0);
        assertEquals(event, m.json());
        assertEquals(Map.of("tenant", "acme"), m.headers());
        assertEquals("stdin:1", m.position());
        assertEquals("c1", m.event().source());
        Map<String, Object> verbose = m.toVerboseMap();
        assertEquals(List.of("routingKey", "headers", "position", "event"), new ArrayList<>(verbose.keySet()));
        assertEquals(wrapped.replace("events.jsonl:7", "stdin:1"), JsonPrinter.compact(verbose));
    }

    @Test
    void prettyPrintedDocuments_areReadBack_compacted_atTheirFirstLine() throws IOException {
        String a = born("c1", 0, "{\"url\":\"a b\\\" }\",\"n\":[1,{\"x\":null}]}");
        String b = update("c1", 2, 1, "{}");
        String wrapped = "{\"routingKey\":\"shop.request\",\"headers\":{\"tenant\":\"acme\"},\"event\":" + b + "}";
        String prettyA = JsonPrinter.pretty(dev.telltale.core.internal.json.JsonReader.parseObject(
                a.getBytes(StandardCharsets.UTF_8), 0, a.length()));
        String prettyWrapped = JsonPrinter.pretty(dev.telltale.core.internal.json.JsonReader.parseObject(
                wrapped.getBytes(StandardCharsets.UTF_8), 0, wrapped.length()));
        assertTrue(prettyA.lines().count() > 5, prettyA);
        String input = prettyA + "\r\n" + a + "\n" + prettyWrapped + "\n";
        List<Message> out = Lines.drain(Monitor.messages(options()
                .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))).build()));

        assertEquals(List.of(a, a, b), out.stream().map(Message::json).toList());
        long linesA = prettyA.lines().count();
        assertEquals(List.of("stdin:1", "stdin:" + (linesA + 1), "stdin:" + (linesA + 2)),
                out.stream().map(Message::position).toList());
        assertEquals(Map.of("tenant", "acme"), out.get(2).headers());
        assertEquals(List.of(), malformed);
    }

    @Test
    void aCollatedObject_isMalformed_sayingWhatItIs() {
        String collated = "{\"id\":\"c1\",\"routingKey\":\"shop.request\",\"status\":\"finished\",\"complete\":true,"
                + "\"fields\":{},\"messages\":3}";
        List<Message> out = Lines.messages(options(), collated, born("c1", 0, "{}"));
        assertEquals(1, out.size());
        assertEquals(1, malformed.size());
        assertTrue(malformed.get(0).reason().startsWith("a collated object"), malformed.get(0).reason());
    }

    @Test
    void aPrettyDocumentCutOff_isMalformed_andTheNextLineIsStillRead() throws IOException {
        String a = born("c1", 0, "{}");
        String input = "{\n  \"kind\": \"context.born\",\n" + a + "\n{\n  \"kind\": \"x\"\n";
        MonitorStream<Message> stream = Monitor.messages(options()
                .input(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))).build());
        List<Message> out = Lines.drain(stream);
        MonitorCounts counts = stream.counts();
        assertEquals(List.of(a), out.stream().map(Message::json).toList());
        assertEquals(List.of("stdin:1", "stdin:4"), malformed.stream().map(MalformedInput::position).toList());
        assertTrue(malformed.get(0).reason().contains("not closed"), malformed.get(0).reason());
        assertTrue(malformed.get(1).reason().contains("input ended"), malformed.get(1).reason());
        assertEquals(2, counts.malformed());
    }

    @Test
    void malformedLines_areReportedWithPosition_andTheRestIsRead() throws IOException {
        MonitorStream<Message> stream = Monitor.messages(options().input(Lines.input(
                born("c1", 0, "{}"),
                "not json",
                "[1,2]",
                "{\"kind\":\"context.update\",\"routingKey\":\"a\",\"seq\":1]",
                "{\"routingKey\":\"a\",\"source\":\"s\",\"seq\":1}",
                Lines.event("x", "a", "s", 1, Lines.T0, "{}").replace("\"seq\":1,", ""),
                Lines.event("x", "a", "s", 1, Lines.T0, "{}").replace("\"source\":\"s\",", ""),
                Lines.event("x", "a", "s", 1, Lines.T0, "{}").replace("\"seq\":1", "\"seq\":\"1\""),
                "{\"routingKey\":\"a\",\"headers\":[],\"event\":{}}",
                update("c1", 2, 1, "{}"))).build());
        List<Message> out = Lines.drain(stream);

        assertEquals(List.of("stdin:1", "stdin:10"), out.stream().map(Message::position).toList());
        assertEquals(List.of(
                "stdin:2: expected '{' but found 'n' at line 1, column 1 (offset 0)",
                "stdin:3: expected '{' but found '[' at line 1, column 1 (offset 0)",
                "stdin:4: expected ',' or '}' but found ']' at line 1, column 50 (offset 49)",
                "stdin:5: event member \"kind\" is missing",
                "stdin:6: event member \"seq\" is missing",
                "stdin:7: event member \"source\" is missing",
                "stdin:8: event member \"seq\" must be an integer of at most 64 bits but was String",
                "stdin:9: in the verbose form, \"routingKey\" must be a string and \"headers\" an object of strings"),
                malformed.stream().map(MalformedInput::toString).toList());
        assertEquals(8, stream.counts().malformed());
        assertEquals(2, stream.counts().messages());
    }

    @Test
    void invalidUtf8_isMalformed_withItsByteOffset() throws IOException {
        byte[] line = born("c1", 0, "{\"a\":\"xx\"}").getBytes(StandardCharsets.UTF_8);
        int at = new String(line, StandardCharsets.UTF_8).indexOf("xx");
        line[at] = (byte) 0xC3;
        line[at + 1] = (byte) 0x28;
        List<Message> out = Lines.drain(Monitor.messages(options().input(new ByteArrayInputStream(line)).build()));

        assertEquals(List.of(), out);
        assertEquals("stdin:1", malformed.get(0).position());
        assertEquals("expected UTF-8 but found the bytes 0xC3 0x28 at line 1, column " + (at + 1) + " (offset " + at + ")",
                malformed.get(0).reason());
    }

    @Test
    void theCallbacksException_reachesTheReader() throws IOException {
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder()
                .onMalformed(m -> {
                    throw new IllegalStateException("stop at " + m.position());
                })
                .input(Lines.input("oops")).build());
        try (stream) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> stream.iterator().hasNext());
            assertEquals("stop at stdin:1", e.getMessage());
        }
    }

    @Test
    void iterator_andStream_giveTheSameItems_once() throws Exception {
        String a = born("c1", 0, "{}");
        try (MonitorStream<Message> stream = Monitor.messages(options().input(Lines.input(a, a)).build())) {
            assertEquals(List.of(a, a), stream.stream().map(Message::json).toList());
            assertThrows(IllegalStateException.class, stream::iterator);
            assertTrue(stream.ended());
            assertNull(stream.poll(java.time.Duration.ZERO));
        }
    }

    @Test
    void options_inputExcludesABackend() {
        MonitorOptions.Builder b = MonitorOptions.builder().backend("file").input(Lines.input());
        assertThrows(IllegalArgumentException.class, b::build);
        assertThrows(IllegalArgumentException.class,
                () -> MonitorOptions.builder().collateTimeout(java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().maxLiveObjects(0));
    }
}
