package dev.telltale.cli;

import dev.telltale.tool.Json;
import dev.telltale.tool.SnapshotFile;
import dev.telltale.tool.SnapshotFile.Frame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a snapshot for {@code ./telltale dump}: the trace laid out exactly as {@code
 * Throwable.printStackTrace} lays it out (the same captions, indentation, {@code ... n more} and
 * circular references), each frame followed by its number, source lines and values.
 */
final class SnapshotPrinter {

    /** How much of one value {@code show} prints on its line; {@code vars} prints it whole. */
    static final int VALUE_CHARS = 160;
    private static final List<String> IDENTITY = List.of("class", "method", "file", "line", "module", "moduleVersion",
            "classLoader");

    /** The groups of a frame's values, in the order shown, with their captions. */
    private static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("arguments", "arguments (seen by a probe)"),
            Map.entry("locals", "local variable slots (of the live frame)"),
            Map.entry("given", "values given to save"));

    private final SnapshotFile snapshot;
    private final PrintStream out;
    private final List<?> throwables;
    private final Map<String, Integer> numbers = new java.util.HashMap<>();

    SnapshotPrinter(SnapshotFile snapshot, PrintStream out) {
        this.snapshot = snapshot;
        this.out = out;
        this.throwables = (List<?>) snapshot.document().get("throwables");
        for (Frame f : snapshot.frames()) {
            numbers.put(f.throwable() + ":" + f.index(), f.number());
        }
    }

    void show() {
        header();
        out.println();
        Set<Integer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        print(0, List.of(), "", "", seen);
        Map<String, Object> other = snapshot.values();
        if (!other.isEmpty()) {
            out.println();
            out.println("Values given to save (their caller is not in the trace):");
            values(other, "  ");
        }
        out.println();
        out.println("Browse: ./telltale dump frames " + snapshot.path() + "   ./telltale dump vars " + snapshot.path()
                + " FRAME");
    }

    private void header() {
        Map<String, Object> d = snapshot.document();
        Map<?, ?> thread = d.get("thread") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> jvm = d.get("jvm") instanceof Map<?, ?> m ? m : Map.of();
        out.println("Snapshot " + snapshot.path());
        out.println("  taken " + d.get("time") + " on " + d.get("host") + ", pid " + d.get("pid") + ", thread \""
                + thread.get("name") + "\"" + (Boolean.TRUE.equals(d.get("uncaught")) ? ", uncaught" : ""));
        out.println("  JVM " + jvm.get("version") + " (" + jvm.get("name") + ", " + jvm.get("vendor") + ")");
        if (Boolean.TRUE.equals(d.get("truncated"))) {
            out.println("  values were cut to fit telltale.snapshot.max-bytes ($cut markers)");
        }
        if (d.get("locals") instanceof Map<?, ?> locals && Boolean.FALSE.equals(locals.get("read"))) {
            out.println("  locals: not read (" + locals.get("reason") + ")");
        }
    }

    /** Throwable.printEnclosedStackTrace's layout, over the document. */
    private void print(int index, List<?> enclosing, String caption, String prefix, Set<Integer> seen) {
        Map<?, ?> t = (Map<?, ?>) throwables.get(index);
        if (!seen.add(index)) {
            out.println(prefix + caption + "[CIRCULAR REFERENCE: " + t.get("text") + "]");
            return;
        }
        List<?> frames = (List<?>) t.get("frames");
        int m = frames.size() - 1;
        int n = enclosing.size() - 1;
        while (m >= 0 && n >= 0 && same((Map<?, ?>) frames.get(m), (Map<?, ?>) enclosing.get(n))) {
            m--;
            n--;
        }
        int inCommon = frames.size() - 1 - m;
        out.println(prefix + caption + t.get("text"));
        for (int i = 0; i <= m; i++) {
            Map<?, ?> f = (Map<?, ?>) frames.get(i);
            out.println(prefix + "\tat " + f.get("text") + "   #" + numbers.get(index + ":" + i));
            details(f, prefix + "\t     ");
        }
        if (inCommon != 0) {
            out.println(prefix + "\t... " + inCommon + " more");
        }
        if (t.get("suppressed") instanceof List<?> suppressed) {
            for (Object s : suppressed) {
                print(((Long) s).intValue(), frames, "Suppressed: ", prefix + "\t", seen);
            }
        }
        if (t.get("cause") instanceof Long cause) {
            print(cause.intValue(), frames, "Caused by: ", prefix, seen);
        }
    }

    private static boolean same(Map<?, ?> a, Map<?, ?> b) {
        for (String key : IDENTITY) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                return false;
            }
        }
        return true;
    }

    private void details(Map<?, ?> frame, String indent) {
        if (frame.get("source") instanceof Map<?, ?> source && source.get("lines") instanceof List<?> lines) {
            long first = source.get("first") instanceof Long l ? l : 1;
            long line = frame.get("line") instanceof Long l ? l : -1;
            for (int i = 0; i < lines.size(); i++) {
                long number = first + i;
                out.println(indent + (number == line ? "> " : "  ") + String.format("%5d | ", number) + lines.get(i));
            }
        }
        if (frame.get("values") instanceof Map<?, ?> values) {
            if (values.containsKey("this")) {
                out.println(indent + "this = " + shortText(values.get("this")));
            }
            for (Map.Entry<String, String> group : GROUPS) {
                if (values.get(group.getKey()) instanceof Map<?, ?> named) {
                    out.println(indent + group.getValue() + ":");
                    values(named, indent + "  ");
                }
            }
        }
    }

    private void values(Map<?, ?> named, String indent) {
        for (Map.Entry<?, ?> e : named.entrySet()) {
            out.println(indent + e.getKey() + " = " + shortText(e.getValue()));
        }
    }

    private static String shortText(Object value) {
        String text = value instanceof String s ? Json.compact(s) : Json.compact(value);
        return text.length() <= VALUE_CHARS ? text : text.substring(0, VALUE_CHARS) + "… (dump vars shows it whole)";
    }

    void frames() {
        int last = -1;
        for (Frame f : snapshot.frames()) {
            if (f.throwable() != last) {
                last = f.throwable();
                Map<?, ?> t = (Map<?, ?>) throwables.get(last);
                out.println((last == 0 ? "" : "\n") + "throwable " + last + ": " + t.get("text"));
            }
            List<String> marks = new ArrayList<>();
            if (f.inApp()) {
                marks.add("in-app");
            }
            if (!f.source().isEmpty()) {
                marks.add("source");
            }
            if (!f.values().isEmpty()) {
                marks.add("values");
            }
            out.printf("  #%-4d at %s%s%n", f.number(), f.text(), marks.isEmpty() ? "" : "   [" + String.join(", ", marks) + "]");
        }
    }

    void vars(Frame f) {
        out.println("#" + f.number() + " at " + f.text());
        details(f.document(), "  ");
        if (f.values().isEmpty()) {
            out.println("  (no values: Telltale saw nothing of this frame)");
        } else {
            out.println(Json.pretty(f.values()));
        }
    }
}
