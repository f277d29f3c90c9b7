package dev.telltale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the demo's backend and events file come from: flag, system property, environment, default. */
class DemoSettingTest {

    private static final String KEY = "telltale.backend";

    @Test
    void flag_overridesTheEnvironment_andSaysSo() {
        DemoSetting s = DemoSetting.resolve("--backend", "file", KEY, "file", Map.of(), Map.of("TELLTALE_BACKEND", "kafka"));
        assertEquals(new DemoSetting("file", "--backend", true, "the environment variable TELLTALE_BACKEND=kafka"), s);
        assertEquals("--backend file overrides the environment variable TELLTALE_BACKEND=kafka", s.note("the backend"));
    }

    @Test
    void noFlag_systemPropertyWinsOverTheEnvironment_andTheOriginIsNamed() {
        DemoSetting s = DemoSetting.resolve("--backend", null, KEY, "file", Map.of(KEY, "amqp"),
                Map.of("TELLTALE_BACKEND", "kafka"));
        assertEquals(new DemoSetting("amqp", "the system property telltale.backend", false, null), s);
        assertEquals("the backend amqp comes from the system property telltale.backend", s.note("the backend"));
    }

    @Test
    void noFlag_environmentVariable_isHonoured() {
        DemoSetting s = DemoSetting.resolve("--out", null, "telltale.file.path", "out/events.jsonl", Map.of(),
                Map.of("TELLTALE_FILE_PATH", "/tmp/e.jsonl"));
        assertEquals(new DemoSetting("/tmp/e.jsonl", "the environment variable TELLTALE_FILE_PATH", false, null), s);
    }

    @Test
    void nothingGiven_orBlank_isTheDefault_withNothingToSay() {
        DemoSetting s = DemoSetting.resolve("--backend", null, KEY, "file", Map.of(), Map.of("TELLTALE_BACKEND", " "));
        assertEquals(new DemoSetting("file", "the default", true, null), s);
        assertNull(s.note("the backend"));
    }
}
