package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request protocol without an agent loaded: answers, errors named in {@code message}, the
 * response written whole (no temporary file left), lifespans in both spellings.
 */
class RequestsTest {

    @TempDir
    Path dir;

    private Properties run(Map<String, String> keys) throws Exception {
        Properties req = new Properties();
        req.putAll(keys);
        req.setProperty("telltale.file.path", dir.resolve("events.jsonl").toString());
        Path response = dir.resolve("response.properties");
        req.setProperty("response", response.toString());
        Path file = dir.resolve("request.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            req.store(w, null);
        }
        Requests.runFromArgs("request=" + file);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(response, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "a temporary response file was left");
        }
        return p;
    }

    @Test
    void list_noProbes_answersZero() throws Exception {
        Properties r = run(Map.of("command", "list"));
        assertEquals("true", r.getProperty("ok"));
        assertEquals("0", r.getProperty("probes"));
        assertTrue(r.getProperty("events") != null, r.toString());
    }

    @Test
    void unknownCommand_isNotOk_andSaysWhichExist() throws Exception {
        Properties r = run(Map.of("command", "poke"));
        assertEquals("false", r.getProperty("ok"));
        assertEquals("unknown command 'poke': attach, list or detach", r.getProperty("message"));
    }

    @Test
    void attach_missingTarget_namesTheKey() throws Exception {
        Properties r = run(Map.of("command", "attach", "instrument", "counter"));
        assertEquals("false", r.getProperty("ok"));
        assertEquals("the request has no 'target'", r.getProperty("message"));
    }

    @Test
    void attach_badEventOrLifespan_namesTheValue() throws Exception {
        Properties event = run(Map.of("command", "attach", "target", "com.acme.A#b", "instrument", "counter", "event", "later"));
        assertEquals("event 'later' is none of call, return, exception", event.getProperty("message"));
        Properties life = run(Map.of("command", "attach", "target", "com.acme.A#b", "instrument", "counter", "lifespan", "soon"));
        assertEquals("lifespan 'soon' is not a duration such as 10m, 30s or PT10M", life.getProperty("message"));
    }

    @Test
    void detach_unknownProbe_isNotOk() throws Exception {
        Properties r = run(Map.of("command", "detach", "id", "com.acme.A#b"));
        assertEquals("false", r.getProperty("ok"));
        assertTrue(r.getProperty("message").startsWith("no probe on com.acme.A#b"), r.toString());
    }

    @Test
    void requestPath_withCommasAndEqualsSigns_isReadWhole() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("a,b=c"));
        Path response = odd.resolve("response.properties");
        Path request = odd.resolve("request.properties");
        Files.writeString(request, "command=list\nresponse=" + response.toString().replace("\\", "/") + "\n");
        Requests.runFromArgs("request=" + request);
        assertTrue(Files.exists(response), "no response at " + response);
    }

    @Test
    void lifespan_readsShortAndIsoForms() {
        assertEquals(Duration.ofMinutes(10), Requests.lifespan("10m"));
        assertEquals(Duration.ofMinutes(10), Requests.lifespan("PT10M"));
        assertEquals(Duration.ofSeconds(30), Requests.lifespan(" 30s "));
        assertThrows(IllegalArgumentException.class, () -> Requests.lifespan("ten minutes"));
    }
}
