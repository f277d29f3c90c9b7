package dev.telltale.benchmarks;

import dev.telltale.core.internal.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks that a writer produces what the comparison assumes: one JSON object per line, one line
 * per event, each holding the kind {@code order.placed} and the fields {@code id}, {@code status}
 * and {@code total} with the values written (values are compared as text, since Logback writes
 * key-value pairs as strings).
 */
final class FormatCheck {

    private static final int EVENTS = 3;

    private FormatCheck() {}

    /**
     * Writes three events with {@code writer} in a temporary directory, closes it and checks the
     * file.
     *
     * @return the first line, as a sample
     * @throws IllegalStateException if the file is not as expected
     */
    static String verify(String writer) {
        Path dir = TempDirs.create(writer + "-check");
        try {
            EventFile file = EventFile.open(writer, dir, 128);
            for (long id = 1; id <= EVENTS; id++) {
                file.write(id);
            }
            file.awaitWritten(Duration.ofSeconds(10));
            file.finish();
            List<String> lines = Files.readAllLines(dir.resolve(EventFile.FILE_NAME), StandardCharsets.UTF_8);
            if (lines.size() != EVENTS) {
                throw new IllegalStateException(writer + " wrote " + lines.size() + " lines for " + EVENTS
                        + " events: " + lines);
            }
            for (int i = 0; i < EVENTS; i++) {
                String line = lines.get(i);
                Map<String, Object> json = JsonReader.parseObject(line);
                require(writer, line, holds(json, null, "order.placed"), "the kind order.placed");
                require(writer, line, holds(json, "id", Integer.toString(i + 1)), "id " + (i + 1));
                require(writer, line, holds(json, "status", "ok"), "status ok");
                require(writer, line, holds(json, "total", "99.5"), "total 99.5");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(writer + ": cannot read its file", e);
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static void require(String writer, String line, boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(writer + " wrote a line without " + what + ": " + line);
        }
    }

    /**
     * Whether {@code json} holds, at any depth, a member {@code name} whose value reads as {@code
     * text}; with a null name, any string value equal to {@code text}.
     */
    private static boolean holds(Object json, String name, String text) {
        if (json instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if ((name == null || name.equals(e.getKey())) && e.getValue() != null
                        && !(e.getValue() instanceof Map) && !(e.getValue() instanceof List)
                        && text.equals(String.valueOf(e.getValue()))) {
                    return true;
                }
                if (holds(e.getValue(), name, text)) {
                    return true;
                }
            }
        } else if (json instanceof List<?> list) {
            for (Object element : list) {
                if (holds(element, name, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Prints a sample line of each writer after checking it: {@code java -cp benchmarks.jar dev.telltale.benchmarks.FormatCheck}. */
    public static void main(String[] args) {
        for (String writer : args.length > 0 ? args : new String[] {"telltale", "logback", "log4j2"}) {
            System.out.println(writer + ": " + verify(writer));
        }
    }
}
