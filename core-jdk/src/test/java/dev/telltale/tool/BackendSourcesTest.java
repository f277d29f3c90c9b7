package dev.telltale.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.Backends;
import dev.telltale.core.CoreBackendConfig;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.ConfigKey.Type;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import dev.telltale.spi.TopicPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscription options are resolved once, in the core, for every backend: full or short names,
 * types, "did you mean", given twice; the backend reads them typed from its configuration.
 */
class BackendSourcesTest {

    /** A backend with one option of each type, that keeps what {@code openSource} got. */
    static class OptionsBackend implements Backend {
        static final ConfigKey PATH = new ConfigKey("telltale.opts.path", Type.STRING, "here", "a key");
        static final ConfigKey FOLLOW = new ConfigKey("telltale.opts.follow", Type.BOOLEAN, "false", "an option");
        static final ConfigKey PREFETCH = new ConfigKey("telltale.opts.prefetch", Type.INTEGER, "256", "an option");
        static final ConfigKey OPEN_TIMEOUT = new ConfigKey("telltale.opts.open-timeout", Type.DURATION, "10s", "an option");
        static final ConfigKey MAX_BYTES = new ConfigKey("telltale.opts.max-bytes", Type.SIZE, "1KiB", "an option");
        static final ConfigKey GROUP = new ConfigKey("telltale.opts.group", Type.STRING, "", "an option");

        BackendConfig config;
        Subscription subscription;

        @Override
        public String name() {
            return "opts";
        }

        @Override
        public List<ConfigKey> keys() {
            return List.of(PATH);
        }

        @Override
        public List<ConfigKey> subscriptionOptions() {
            return List.of(FOLLOW, PREFETCH, OPEN_TIMEOUT, MAX_BYTES, GROUP);
        }

        @Override
        public Sink openSink(BackendConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Source openSource(BackendConfig config, Subscription subscription) {
            this.config = config;
            this.subscription = subscription;
            return new Source() {
                @Override
                public Envelope poll(Duration timeout) {
                    return null;
                }

                @Override
                public boolean ended() {
                    return true;
                }

                @Override
                public String position() {
                    return "";
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private final OptionsBackend backend = new OptionsBackend();
    private final BackendConfig base = CoreBackendConfig.resolve(backend,
            Map.of("telltale.opts.path", "there", "telltale.host", "test-host"));

    private void open(Map<String, String> options) throws Exception {
        try (Source source = BackendSources.open(backend, base, new Subscription(List.of(TopicPattern.of("a.#")), options))) {
            assertTrue(source.ended());
        }
    }

    @Test
    void open_optionsByShortOrFullName_reachTheBackendTypedAndByFullName() throws Exception {
        open(Map.of("follow", " TRUE ", "telltale.opts.prefetch", "10", "open-timeout", "250ms", "max-bytes", "2KiB"));
        BackendConfig config = backend.config;
        assertTrue(config.bool(OptionsBackend.FOLLOW.name()));
        assertEquals(10, config.integer(OptionsBackend.PREFETCH.name()));
        assertEquals(Duration.ofMillis(250), config.duration(OptionsBackend.OPEN_TIMEOUT.name()));
        assertEquals(2048, config.size(OptionsBackend.MAX_BYTES.name()));
        assertEquals("", config.string(OptionsBackend.GROUP.name()), "an option not given has its default");
        assertEquals(Map.of("telltale.opts.follow", "TRUE", "telltale.opts.prefetch", "10",
                "telltale.opts.open-timeout", "250ms", "telltale.opts.max-bytes", "2KiB"), backend.subscription.options());
        assertEquals(List.of(TopicPattern.of("a.#")), backend.subscription.patterns());
    }

    @Test
    void open_noOptions_everyOptionHasItsDefault_andTheBaseAnswersTheRest() throws Exception {
        open(Map.of());
        BackendConfig config = backend.config;
        assertFalse(config.bool(OptionsBackend.FOLLOW.name()));
        assertEquals(256, config.integer(OptionsBackend.PREFETCH.name()));
        assertEquals(Duration.ofSeconds(10), config.duration(OptionsBackend.OPEN_TIMEOUT.name()));
        assertEquals(Map.of(), backend.subscription.options());
        assertEquals("there", config.string(OptionsBackend.PATH.name()));
        assertEquals("test-host", config.host());
        assertEquals(ProcessHandle.current().pid(), config.pid());
        assertEquals(Duration.ofSeconds(2), config.flushTimeout());
        assertThrows(IllegalArgumentException.class, () -> config.string("telltale.opts.undeclared"));
    }

    @Test
    void open_options_neverAppearAmongTheConfiguredKeys() throws Exception {
        open(Map.of("group", "ops"));
        assertEquals(Map.of("path", "there"), backend.config.withPrefix("telltale.opts."));
    }

    @Test
    void open_unknownOption_throwsNamingItTheKnownOnesAndTheClosest_beforeTheBackendIsCalled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(Map.of("folow", "true")));
        assertEquals("unknown option 'folow' for the opts backend (known: follow, prefetch, open-timeout, max-bytes, "
                + "group); did you mean follow?", e.getMessage());
        assertNull(backend.config);
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> open(Map.of("telltale.opts.prefetsh", "1")));
        assertTrue(full.getMessage().startsWith("unknown option 'telltale.opts.prefetsh'"), full.getMessage());
        assertTrue(full.getMessage().endsWith("did you mean prefetch?"), full.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> open(Map.of("path", "x")));
        assertTrue(key.getMessage().startsWith("unknown option 'path'"), "a configuration key is not an option: "
                + key.getMessage());
    }

    @Test
    void open_malformedValues_throwOneMessageNamingEachOptionAndValue() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("follow", "yes");
        bad.put("prefetch", "many");
        bad.put("open-timeout", "60");
        bad.put("max-bytes", "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(bad));
        List<String> problems = List.of(e.getMessage().split("; "));
        assertEquals(4, problems.size(), e.getMessage());
        List<String> expected = new ArrayList<>(List.of("option follow: 'yes' is not a boolean",
                "option max-bytes: 'lots' is not a size", "option open-timeout: '60' is not a duration",
                "option prefetch: 'many' is not an integer"));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(problems.get(i).startsWith(expected.get(i)), problems.get(i));
        }
    }

    @Test
    void open_optionGivenInFullAndShort_throwsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(Map.of("prefetch", "1", "telltale.opts.prefetch", "1")));
        assertTrue(e.getMessage().startsWith("option prefetch is given twice, as "), e.getMessage());
        assertTrue(e.getMessage().contains("telltale.opts.prefetch"), e.getMessage());
    }

    @Test
    void present_listsTheBackendsFound() {
        assertTrue(BackendSources.present().stream().anyMatch(b -> b.name().equals("memory")),
                "core's test backend is found: " + BackendSources.present());
    }

    @Test
    void backends_optionOutsideTheBackendsPrefix_leavesTheBackendOut() {
        List<String> warnings = new ArrayList<>();
        OptionsBackend stray = new OptionsBackend() {
            @Override
            public List<ConfigKey> subscriptionOptions() {
                return List.of(new ConfigKey("telltale.other.follow", Type.BOOLEAN, "false", "elsewhere"));
            }
        };
        Backends found = Backends.of(List.of(stray), warnings::add);
        assertSame(null, found.named("opts"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("telltale.other.follow is not under telltale.opts."), warnings.get(0));
    }
}
