package dev.telltale.cli;

import dev.telltale.tool.SnapshotFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./telltale dump}: reads a crash snapshot ({@code docs/SNAPSHOT.md}). {@code show FILE}
 * prints its trace as the JVM printed it, with source lines and values under each frame; {@code
 * frames FILE} numbers the frames; {@code vars FILE FRAME} prints one frame's values whole. A
 * file that is missing, not a snapshot, malformed or truncated gets one line naming the file and
 * the problem, and exit status 1.
 */
final class DumpCommand implements Command {

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String summary() {
        return "read a crash snapshot: dump show FILE, dump frames FILE, dump vars FILE FRAME";
    }

    @Override
    public String description() {
        return """
                Reads a crash snapshot written by Snapshots.save or the uncaught-exception handler
                (telltale-out/snapshots/ by default; plain or gzip JSON, see docs/SNAPSHOT.md).
                  show FILE         the exception as the JVM printed it, with the source lines and the
                                    values Telltale saw under each frame, and the snapshot's context
                  frames FILE       every frame, numbered, marked in-app, with source and values
                  vars FILE FRAME   the values of frame number FRAME, whole, as JSON""";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.flag("help", 'h', "show this help"));
    }

    @Override
    public String epilog() {
        return """
                Exit status: 0 done; 1 the file is missing, unreadable, not a snapshot, malformed or truncated;
                2 a bad command line (an unknown action, a FRAME that is no frame of the file).
                Example: ./telltale dump show telltale-out/snapshots/snapshot-20261207T071502.113Z-4242-1-IllegalStateException.json""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> p = args.positional();
        if (p.isEmpty()) {
            throw new UsageException("say what to do: show FILE, frames FILE or vars FILE FRAME");
        }
        String action = p.get(0);
        int expected = switch (action) {
            case "show", "frames" -> 2;
            case "vars" -> 3;
            default -> throw new UsageException("unknown action '" + action + "' (show, frames or vars)");
        };
        if (p.size() != expected) {
            throw new UsageException(action + " takes " + (expected == 2 ? "FILE" : "FILE FRAME") + ", got "
                    + (p.size() - 1) + " argument" + (p.size() == 2 ? "" : "s"));
        }
        int frame = expected == 3 ? frameNumber(p.get(2)) : -1;
        SnapshotFile snapshot;
        try {
            snapshot = SnapshotFile.read(Path.of(p.get(1)));
        } catch (NoSuchFileException e) {
            err.println("telltale dump: " + p.get(1) + ": no such file");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("telltale dump: " + (e instanceof IOException ? p.get(1) + ": cannot read: " : "") + e.getMessage());
            return 1;
        }
        SnapshotPrinter printer = new SnapshotPrinter(snapshot, out);
        switch (action) {
            case "show" -> printer.show();
            case "frames" -> printer.frames();
            default -> {
                if (frame >= snapshot.frames().size()) {
                    throw new UsageException(p.get(1) + " has frames 0 to " + (snapshot.frames().size() - 1) + ", not " + frame);
                }
                printer.vars(snapshot.frame(frame));
            }
        }
        return 0;
    }

    private static int frameNumber(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text.startsWith("#") ? text.substring(1) : text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("FRAME must be a frame number from 'dump frames' (0, 1, ...), not '" + text + "'");
    }
}
