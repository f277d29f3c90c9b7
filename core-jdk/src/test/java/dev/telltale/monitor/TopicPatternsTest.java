package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic patterns as the monitor applies them, on every input: {@code *} one word, {@code #} zero
 * or more, empty words count.
 */
class TopicPatternsTest {

    private static final List<String> KEYS = List.of("", "a", "b", "a.b", "a.c", "a.x.b", "a.x.y.b", "a.b.c", "a..b",
            "a.", ".a", "b.a");

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "#       | '', a, b, a.b, a.c, a.x.b, a.x.y.b, a.b.c, a..b, a., .a, b.a",
        "*       | a, b",
        "a       | a",
        "a.*     | a.b, a.c, a.",
        "a.#     | a, a.b, a.c, a.x.b, a.x.y.b, a.b.c, a..b, a.",
        "a.#.b   | a.b, a.x.b, a.x.y.b, a..b",
        "a.*.b   | a.x.b, a..b",
        "a..b    | a..b",
        "#.b     | b, a.b, a.x.b, a.x.y.b, a..b",
        "*.a     | .a, b.a",
        "``      | ''",
        "#.#     | '', a, b, a.b, a.c, a.x.b, a.x.y.b, a.b.c, a..b, a., .a, b.a",
        "*.*     | a.b, a.c, a., .a, b.a",
        "a*      | -",
    })
    void pattern_selectsTheseRoutingKeys(String pattern, String expected) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            lines.add(Lines.event("x", KEYS.get(i), "s", i + 1, Lines.T0, "{}"));
        }
        MonitorStream<Message> stream = Monitor.messages(MonitorOptions.builder().patterns(pattern)
                .input(Lines.input(lines.toArray(new String[0]))).build());
        List<String> matched = Lines.drain(stream).stream().map(Message::routingKey).toList();

        List<String> want = parse(expected);
        assertEquals(want, matched);
        assertEquals(KEYS.size() - want.size(), stream.counts().filtered());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a.b | b.a | a.b, b.a", "a | a.# | a, a.b, a.c, a.x.b, a.x.y.b, a.b.c, a..b, a."})
    void severalPatterns_selectWhatAnyMatches(String p1, String p2, String expected) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            lines.add(Lines.event("x", KEYS.get(i), "s", i + 1, Lines.T0, "{}"));
        }
        List<String> matched = Lines.drain(Monitor.messages(MonitorOptions.builder().patterns(p1, p2)
                .input(Lines.input(lines.toArray(new String[0]))).build())).stream().map(Message::routingKey).toList();

        assertEquals(parse(expected), matched);
    }

    /** Comma-separated keys, {@code ''} for the empty key; {@code -} for none. */
    private static List<String> parse(String list) {
        List<String> keys = new ArrayList<>();
        if (list.equals("-")) {
            return keys;
        }
        for (String k : list.split(",", -1)) {
            String t = k.strip();
            keys.add(t.equals("''") ? "" : t);
        }
        return keys;
    }
}
