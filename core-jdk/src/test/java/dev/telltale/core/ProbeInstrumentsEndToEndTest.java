package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.Await;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import dev.telltale.spi.Envelope;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instruments as an application meets them through a real pipeline: a {@code log}'s line in
 * {@link System.Logger}, parameters read by name from an interface compiled with {@code
 * -parameters} (and the message when it was not), a value whose {@code toString} throws on its way
 * to the backend, and a custom type found through {@link java.util.ServiceLoader}.
 */
@Timeout(60)
class ProbeInstrumentsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    interface Greeter {
        String greet(Object whom);
    }

    @TempDir
    static Path dir;

    /** {@code quotes.Quotes}, compiled with {@code -parameters}: {@code long quote(String sku, int quantity)}. */
    private static Class<?> named;
    /** The same interface, {@code plain.Quotes}, compiled without. */
    private static Class<?> unnamed;

    private final List<Telltale> started = new ArrayList<>();
    private RecordingBackend backend;

    @BeforeAll
    static void compileInterfaces() throws Exception {
        named = compile("quotes", true);
        unnamed = compile("plain", false);
    }

    private static Class<?> compile(String pkg, boolean parameters) throws Exception {
        Path src = dir.resolve(pkg + "-src").resolve(pkg).resolve("Quotes.java");
        Path out = dir.resolve(pkg + "-out");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package " + pkg + "; public interface Quotes { long quote(String sku, int quantity); }");
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        if (parameters) {
            args.add("-parameters");
        }
        args.add(src.toString());
        int status = ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, args.toArray(new String[0]));
        assertEquals(0, status, "javac");
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ProbeInstrumentsEndToEndTest.class.getClassLoader());
        return loader.loadClass(pkg + ".Quotes");
    }

    @AfterEach
    void closeAll() {
        started.forEach(Telltale::close);
    }

    private Telltale start(TestInfo test) {
        String channel = "probe-e2e-" + test.getDisplayName() + "-" + started.size();
        backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
        Telltale t = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO)
                .flushInterval(Duration.ofMillis(10)).build();
        started.add(t);
        return t;
    }

    private List<Event> received(Telltale telltale, String kind) {
        assertTrue(telltale.flush(WAIT), "flushed");
        List<Event> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            Event event = EventCodec.decode(e.payload(), 0, e.payload().length);
            if (event.kind().equals(kind)) {
                out.add(event);
            }
        }
        return out;
    }

    /** A probe proxy of {@code iface} around a target that quotes {@code 10 * quantity}. */
    private static Object quotes(Probes probes, Class<?> iface) {
        Object target = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                (proxy, method, args) -> method.getName().equals("quote") ? 10L * (Integer) args[1] : null);
        return wrap(probes, iface, target);
    }

    private static <T> T wrap(Probes probes, Class<T> iface, Object target) {
        return probes.proxy(iface, iface.cast(target));
    }

    @Test
    void log_writesItsLineToSystemLogger_atInfo_andAFailureAtWarning(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Greeter greeter = probes.proxy(Greeter.class, whom -> "hello " + whom);
        Probe probe = probes.attach(Target.method(Greeter.class, "greet"));
        try (LogCapture log = new LogCapture("dev.telltale.probe")) {
            probe.add(InstrumentSpec.log("greeted", "args[0]").message("a greeting").rateLimit(0).build());
            probe.add(InstrumentSpec.log("broken", "args[0].nosuchproperty").rateLimit(0).build());

            assertEquals("hello ann", greeter.greet("ann"));

            assertEquals(List.of("probe greeted: a greeting args[0]=ann"), log.messages(Level.INFO));
            // the failed instrument's clean-up, and its warning, run on the probes' timer thread
            Await.until(() -> !log.messages(Level.WARNING).isEmpty(), WAIT, () -> "a warning; logged: " + log.all());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("telltale: instrument broken on " + probe.target()
                    + " failed and is disabled: "), warnings.get(0));
        }
        Event line = received(telltale, "probe.log").get(0);
        assertEquals("a greeting", line.field("message"));
        assertEquals("ann", line.field("value"));
    }

    @Test
    void parameterNames_compiledWithParameters_readByNameInValueAndCondition(TestInfo test) throws Exception {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Object quotes = quotes(probes, named);
        Method quote = named.getMethod("quote", String.class, int.class);
        Probe probe = probes.attach(Target.method(named, "quote"));
        probe.add(InstrumentSpec.log("bulk", "sku").condition("quantity > 2").rateLimit(0).build());
        probe.add(InstrumentSpec.histogram("sizes", "quantity").event(ProbeEvent.CALL).build());

        assertEquals(10L, quote.invoke(quotes, "tea", 1));
        assertEquals(30L, quote.invoke(quotes, "cake", 3));
        assertEquals(50L, quote.invoke(quotes, "jam", 5));

        assertEquals(List.of("cake", "jam"), received(telltale, "probe.log").stream().map(e -> e.field("value")).toList());
        for (InstrumentStatus s : probe.instruments()) {
            assertEquals(InstrumentStatus.State.ACTIVE, s.state(), s.toString());
        }
        assertEquals(3L, probe.instruments().get(1).hits());
    }

    @Test
    void parameterNames_compiledWithout_addFailsSayingToCompileWithParameters(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        quotes(probes, unnamed);
        Probe probe = probes.attach(Target.method(unnamed, "quote"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.add(InstrumentSpec.log("bulk", "sku").build()));

        assertTrue(e.getMessage().contains("'sku' is not a parameter of plain.Quotes#quote"), e.getMessage());
        assertTrue(e.getMessage().contains("compile it with -parameters"), e.getMessage());
        assertTrue(e.getMessage().contains("args[N]"), e.getMessage());
    }

    @Test
    void logValue_whoseToStringThrows_reachesTheBackendDescribed_andTheCallIsUnaffected(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Greeter greeter = probes.proxy(Greeter.class, whom -> "hello");
        Probe probe = probes.attach(Target.method(Greeter.class, "greet"));
        probe.add(InstrumentSpec.log("who", "args[0]").rateLimit(0).build());
        Object nasty = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };

        try (LogCapture log = new LogCapture("dev.telltale.probe")) {
            assertEquals("hello", greeter.greet(nasty));
            String line = log.messages(Level.INFO).get(0);
            assertTrue(line.contains("(toString() threw java.lang.IllegalStateException)"), line);
        }

        List<Event> logs = received(telltale, "probe.log");
        assertEquals(1, logs.size());
        Map<?, ?> value = assertInstanceOf(Map.class, logs.get(0).field("value"));
        assertEquals("toString() threw java.lang.IllegalStateException: no text", value.get("$error"), value.toString());
        assertEquals(InstrumentStatus.State.ACTIVE, probe.instruments().get(0).state());
        assertEquals(0, telltale.stats().dropped(), telltale.stats().toString());
    }

    @Test
    void customType_listedForServiceLoader_isFoundBySpecsNamingIt(TestInfo test) {
        Telltale telltale = start(test);
        Probes probes = telltale.probes();
        Greeter greeter = probes.proxy(Greeter.class, whom -> "hello " + whom);
        Probe probe = probes.attach(Target.method(Greeter.class, "greet"));
        probe.add(InstrumentSpec.builder(TallyFactory.TYPE, "tally").value("args[0]").option("unit", "names").build());
        greeter.greet("ann");
        greeter.greet("bob");
        probe.remove("tally"); // its last report goes out as it leaves

        Event metric = received(telltale, "probe.metric").stream()
                .filter(e -> "tally".equals(e.field("instrument"))).findFirst()
                .orElseThrow(() -> new AssertionError("no probe.metric of the tally"));
        assertEquals(TallyFactory.TYPE, metric.field("type"));
        assertEquals(2L, metric.field("seen"));
        assertEquals("names", metric.field("unit"));
    }

    @Test
    void jfrProbeMetric_labelCategoryAndUnits_areTheOnesDocsEventsMdGives() {
        jdk.jfr.EventType type = jdk.jfr.EventType.getEventType(dev.telltale.core.internal.jfr.ProbeMetricRecord.class);

        assertEquals("dev.telltale.ProbeMetric", type.getName());
        assertEquals("Telltale Probe Metric", type.getLabel());
        assertEquals(List.of("Telltale", "Probes"), type.getCategoryNames());
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        type.getFields().forEach(f -> labels.put(f.getName(), f.getLabel()));
        assertEquals(Map.ofEntries(Map.entry("probe", "Probe"), Map.entry("target", "Target"),
                Map.entry("instrument", "Instrument"), Map.entry("type", "Type"), Map.entry("count", "Count"),
                Map.entry("total", "Total"), Map.entry("min", "Min"), Map.entry("mean", "Mean"), Map.entry("p50", "P50"),
                Map.entry("p99", "P99"), Map.entry("max", "Max"), Map.entry("timerMin", "Timer Min"),
                Map.entry("timerMean", "Timer Mean"), Map.entry("timerP50", "Timer P50"),
                Map.entry("timerP99", "Timer P99"), Map.entry("timerMax", "Timer Max")),
                labels.entrySet().stream().filter(e -> !e.getKey().equals("startTime") && !e.getKey().equals("duration")
                        && !e.getKey().equals("eventThread") && !e.getKey().equals("stackTrace"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        for (String timer : List.of("timerMin", "timerMean", "timerP50", "timerP99", "timerMax")) {
            jdk.jfr.Timespan unit = type.getField(timer).getAnnotation(jdk.jfr.Timespan.class);
            assertEquals(jdk.jfr.Timespan.NANOSECONDS, unit == null ? null : unit.value(), timer);
        }
        assertEquals(List.of("false"), type.getSettingDescriptors().stream().filter(d -> d.getName().equals("stackTrace"))
                .map(jdk.jfr.SettingDescriptor::getDefaultValue).toList(), "recorded without a stack trace");
    }
}
