package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.monitor.CollatedObject;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printing thread: everything handed over is written, in order, by the time flush returns. */
class MonitorOutputTest {

    private static List<CollatedObject> objects(int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(EventLines.ctx("transient", "t-" + i, 1, i, "{\"n\":" + i + "}")).append('\n');
        }
        List<CollatedObject> out = new ArrayList<>();
        try (MonitorStream<CollatedObject> stream = Monitor.objects(MonitorOptions.builder()
                .input(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8))).build())) {
            stream.forEach(out::add);
        }
        return out;
    }

    @Test
    void manyObjects_throughThePrintingThread_areAllWrittenInOrder_byFlush() throws Exception {
        List<CollatedObject> objects = objects(MonitorOutput.QUEUED * MonitorOutput.BATCH + 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MonitorOutput output = new MonitorOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8), false,
                false, null)) {
            for (CollatedObject o : objects) {
                assertTrue(output.print(o));
            }
            output.flush();

            String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(objects.size(), lines.length);
            for (int i = 0; i < lines.length; i++) {
                assertTrue(lines[i].startsWith("{\"id\":\"t-" + i + "\","), lines[i]);
            }
            assertFalse(output.broken());
        }
    }

    @Test
    void aTargetThatFails_isBroken_afterAFlush() throws Exception {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        try (MonitorOutput output = new MonitorOutput(new PrintStream(failing, false, StandardCharsets.UTF_8), false,
                false, null)) {
            output.print(objects(1).get(0));
            output.flush();

            assertTrue(output.broken());
        }
    }

    @Test
    void withKeys_printsOnTheCallersThread_andSaysWhenNothingPrinted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MonitorOutput output = new MonitorOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8), false,
                false, dev.telltale.monitor.KeyExtractor.of(List.of("nothing")))) {
            assertFalse(output.print(objects(1).get(0)));
            output.flush();
            assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
