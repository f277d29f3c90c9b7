package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import dev.telltale.tool.SpecStoreOpener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./telltale specs} against a file store: put, rm, ls and their errors. */
class SpecsCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String SPEC = """
            {"id": "checkout-calls", "target": "handle:checkout",
             "instrument": {"type": "counter", "name": "calls"}, "lifespan": "30m"}
            """;

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private Result run(String stdin, String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SpecsCommand command = new SpecsCommand(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), () -> NOW);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit;
        try {
            exit = command.run(Args.parse(command.options(), argv), o, e);
        } catch (UsageException u) {
            e.println(u.getMessage());
            exit = 2;
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String store() {
        return "file:" + dir.resolve("specs.json");
    }

    @Test
    void putFile_thenLs_showsSpecAndEachProcessStatus() throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, SPEC);
        Result put = run("", "put", file.toString(), "--store", store());
        assertEquals(0, put.exit(), put.err());
        assertTrue(put.out().contains("put checkout-calls (handle:checkout, counter calls, expires 2026-12-07T10:30:00Z)"), put.out());
        try (SpecStore s = SpecStoreOpener.open(store(), Duration.ofSeconds(5), Map.of())) {
            assertEquals(NOW, SpecJson.parse(s.specs().get("checkout-calls")).lastModified());
            s.report("checkout-calls", "web@h1:10", "{\"status\":\"applied\",\"error\":null,\"at\":\"2026-12-07T10:00:01Z\"}");
            s.report("checkout-calls", "web@h2:20", "{\"status\":\"failed\",\"error\":\"no handle named 'checkout'\",\"at\":\"2026-12-07T10:00:02Z\"}");
        }
        Result ls = run("", "ls", "--store", store());
        assertEquals(0, ls.exit(), ls.err());
        assertTrue(ls.out().startsWith("checkout-calls  handle:checkout  counter calls on call"), ls.out());
        assertTrue(ls.out().contains("    web@h1:10  applied  2026-12-07T10:00:01Z"), ls.out());
        assertTrue(ls.out().contains("    web@h2:20  failed  2026-12-07T10:00:02Z  no handle named 'checkout'"), ls.out());
        Result json = run("", "ls", "--json", "--store", store());
        assertTrue(json.out().contains("\"web@h1:10\""), json.out());
    }

    @Test
    void putStdin_thenRm_removesIt() throws Exception {
        assertEquals(0, run(SPEC, "put", "-", "--store", store()).exit());
        Result rm = run("", "rm", "checkout-calls", "--store", store());
        assertEquals(0, rm.exit(), rm.err());
        assertTrue(run("", "ls", "--store", store()).out().contains("no specs in"));
        Result again = run("", "rm", "checkout-calls", "--store", store());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("no spec 'checkout-calls'"), again.err());
    }

    @Test
    void putMalformedFile_storesNothing_andNamesThePosition() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[" + SPEC + ",\n {\"id\": \"second\", \"target\": }]");
        Result r = run("", "put", file.toString(), "--store", store());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("line 4, column") && r.err().contains("nothing was stored"), r.err());
        assertFalse(Files.exists(dir.resolve("specs.json")));
        Files.writeString(file, "[" + SPEC + ", " + SPEC.replace("checkout-calls", "b").replace("\"30m\"", "\"soon\"") + "]");
        Result semantic = run("", "put", file.toString(), "--store", store());
        assertEquals(1, semantic.exit());
        assertTrue(semantic.err().contains("element 1: spec 'b': \"lifespan\" 'soon' is not a duration"), semantic.err());
        assertFalse(Files.exists(dir.resolve("specs.json")));
    }

    @Test
    void badCommandLines_exitTwo() throws Exception {
        assertEquals(2, run("", "put").exit());
        assertEquals(2, run("", "frob").exit());
        Result scheme = run("", "ls", "--store", "nosuch:x");
        assertEquals(2, scheme.exit());
        assertTrue(scheme.err().contains("no spec store for scheme 'nosuch'"), scheme.err());
    }

    @Test
    void storeSettings_shortOrWhole_reachTheProviderShort() throws Exception {
        assertEquals(Map.of("topic", "a", "linger.ms", "5"), SpecsCommand.settings("kafka:h:9092",
                java.util.List.of("telltale.probe.store.kafka.topic=a", "linger.ms=5")));
    }

    @Test
    void malformedStoreFile_lsFailsWithPosition() throws Exception {
        Files.writeString(dir.resolve("specs.json"), "[{\"id\": ]");
        Result r = run("", "ls", "--store", store());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("is not JSON") && r.err().contains("column"), r.err());
    }
}
