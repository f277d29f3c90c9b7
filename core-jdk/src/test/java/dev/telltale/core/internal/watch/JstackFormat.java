package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dump as a jstack reader would, failing on any thread block it could not read: the date,
 * {@code Full thread dump …:}, then blocks apart by a blank line; a block starting with {@code "}
 * is a thread: {@code "name" #id …}, maybe {@code java.lang.Thread.State: …}, then only {@code
 * at class.method(…)} frames and {@code - …} lock lines (and, in a full dump, the locked
 * synchronizers). Other blocks are notes a reader skips.
 */
final class JstackFormat {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    private static final Pattern HEADER = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\" #(\\d+) (.+)");
    private static final Pattern STATE = Pattern.compile("   java\\.lang\\.Thread\\.State: [A-Z_]+( \\([a-z ]+\\))?");
    private static final Pattern FRAME = Pattern.compile("\tat [^\\s(]+\\.[^\\s.(]+\\([^()]*\\)");
    private static final Pattern LOCK = Pattern.compile(
            "\t- (locked|waiting to lock|waiting on|parking to wait for ) <0x[0-9a-f]{16}> \\(a [^\\s)]+\\)");

    private JstackFormat() {}

    /** One thread of a dump: its header's words after the id, and its block. */
    record Thread(String name, long id, String rest, String block) {

        boolean virtual() {
            return rest.equals("virtual");
        }
    }

    /** The threads of {@code dump}, by name (the last of a name wins), in its order. */
    static Map<String, Thread> threads(String dump) {
        List<String> lines = dump.lines().toList();
        assertTrue(lines.size() > 2 && DATE.matcher(lines.get(0)).matches(), "no date first: " + dump);
        assertTrue(lines.get(1).startsWith("Full thread dump ") && lines.get(1).endsWith("):"), "no header: " + dump);
        Map<String, Thread> threads = new LinkedHashMap<>();
        for (String block : dump.substring(dump.indexOf("\n\n") + 2).split("\n\n")) {
            if (!block.startsWith("\"")) {
                continue;
            }
            List<String> body = block.lines().toList();
            Matcher h = HEADER.matcher(body.get(0));
            assertTrue(h.matches(), "not a thread's first line: " + body.get(0));
            boolean synchronizers = false;
            for (int i = 1; i < body.size(); i++) {
                String line = body.get(i);
                boolean ok = i == 1 && STATE.matcher(line).matches() || FRAME.matcher(line).matches()
                        || LOCK.matcher(line).matches() || line.equals("   Locked ownable synchronizers:")
                        || synchronizers && line.startsWith("\t- ");
                synchronizers |= line.equals("   Locked ownable synchronizers:");
                assertTrue(ok, "line " + i + " of a thread is no state, frame or lock: '" + line + "' in\n" + block);
            }
            threads.put(h.group(1), new Thread(h.group(1), Long.parseLong(h.group(2)), h.group(3), block));
        }
        return threads;
    }
}
