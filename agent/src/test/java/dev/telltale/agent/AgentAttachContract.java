package dev.telltale.agent;

import static dev.telltale.agent.ChildJvm.fields;
import static dev.telltale.agent.ChildJvm.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent in a child JVM that has no Telltale on its class path, loaded by process id for each
 * request, on one JDK (the subclasses choose it). One child serves every case (each probes its
 * own target), and one more starts with {@code -javaagent}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AgentAttachContract {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHECKOUT = "com.example.shop.Orders#checkout(Ljava/lang/String;I)I";
    private static final String REFUND = "com.example.shop.Orders#refund";

    private ChildJvm child;

    /** The JDK the child runs on; skips (by assumption) when it is absent. */
    abstract Path javaHome();

    @BeforeAll
    void start() throws Exception {
        child = new ChildJvm(javaHome(), List.of());
    }

    @AfterAll
    void stop() {
        if (child != null) {
            child.close();
        }
    }

    private Properties ok(Map<String, String> request) throws Exception {
        Properties r = child.request(request);
        assertEquals("true", r.getProperty("ok"), () -> "response " + r + "; stderr: " + child.stderr());
        return r;
    }

    @Test
    @Order(1)
    void attachByPid_logAndTimer_eventsComeFromEveryKindOfCall() throws Exception {
        Properties r = ok(Map.of("command", "attach", "target", CHECKOUT, "instrument", "log", "name", "calls",
                "value", "args[0]"));
        assertEquals(child.events().toAbsolutePath().toString(), r.getProperty("events"));
        assertTrue(r.getProperty("message").contains("rewritten: 1 method"), r.getProperty("message"));
        ok(Map.of("command", "attach", "target", REFUND, "instrument", "timer", "name", "refund-time"));
        for (String item : List.of("apple", "pear", "fig")) { // direct, reflection, method reference
            child.await("a probe.log of checkout(" + item + ")", e -> is(e, "probe.log", CHECKOUT)
                    && item.equals(fields(e).get("value")), WAIT);
        }
        Map<String, Object> metric = child.await("a timer report", e -> is(e, "probe.metric", REFUND)
                && ((Number) fields(e).get("count")).longValue() > 0, WAIT);
        assertTrue(((Number) fields(metric).get("max_ns")).longValue() > 0, metric.toString());

        Properties list = ok(Map.of("command", "list"));
        assertEquals("2", list.getProperty("probes"));
        assertEquals(CHECKOUT, list.getProperty("probe.0.target"));
        assertEquals("log:calls:active", list.getProperty("probe.0.instruments"));
        assertEquals("rewritten: 1 method", list.getProperty("probe.0.status"));
        assertEquals("timer:refund-time:active", list.getProperty("probe.1.instruments"));
    }

    @Test
    @Order(2)
    void detach_stopsTheEvents() throws Exception {
        Properties r = ok(Map.of("command", "detach", "id", CHECKOUT));
        assertEquals("1", r.getProperty("detached"));
        Map<String, Object> detached = child.await("probe.detached", e -> is(e, "probe.detached", CHECKOUT), WAIT);
        String probe = (String) fields(detached).get("probe");
        // a marker after the detach: a counter's report; any log of the detached probe would come before it
        ok(Map.of("command", "attach", "target", "com.example.shop.Orders#shop", "instrument", "counter", "name", "marker"));
        child.send("tick");
        child.await("the marker's report", e -> is(e, "probe.metric", "com.example.shop.Orders#shop"), WAIT);
        List<Map<String, Object>> events = child.readEvents();
        int at = events.indexOf(detached);
        for (Map<String, Object> e : events.subList(at + 1, events.size())) {
            assertTrue(!probe.equals(fields(e).get("probe")), "an event of the detached probe: " + e);
        }
        Properties list = ok(Map.of("command", "list"));
        assertTrue(!list.toString().contains(CHECKOUT), list.toString());
        ok(Map.of("command", "detach", "id", "all"));
    }

    @Test
    @Order(3)
    void exceptionExit_isLogged() throws Exception {
        ok(Map.of("command", "attach", "target", REFUND, "instrument", "log", "name", "refund-failed", "event", "exception"));
        Map<String, Object> e = child.await("a probe.log on exception", ev -> is(ev, "probe.log", REFUND)
                && "exception".equals(fields(ev).get("event")), WAIT);
        assertEquals("negative refund -5", fields(e).get("exception_message"));
    }

    @Test
    @Order(4)
    void constructor_isProbed() throws Exception {
        String ctor = "com.example.shop.Orders#<init>";
        ok(Map.of("command", "attach", "target", ctor, "instrument", "log", "name", "made", "value", "args[0]"));
        Map<String, Object> e = child.await("a probe.log of the constructor", ev -> is(ev, "probe.log", ctor), WAIT);
        assertTrue(String.valueOf(fields(e).get("value")).startsWith("shop-"), e.toString());
    }

    @Test
    @Order(5)
    void classLoadedAfterAttach_isRewrittenWhenItLoads() throws Exception {
        String later = "com.example.shop.Later#compute";
        Properties r = ok(Map.of("command", "attach", "target", later, "instrument", "counter", "name", "later"));
        assertTrue(r.getProperty("message").contains("waiting for class com.example.shop.Later to load"), r.toString());
        child.send("load-later");
        child.await("a counter report of Later", e -> is(e, "probe.metric", later)
                && ((Number) fields(e).get("count")).longValue() > 0, WAIT);
    }

    @Test
    @Order(6)
    void refusedTargets_answerNotOk_withTheReason() throws Exception {
        Properties jdk = child.request(Map.of("command", "attach", "target", "java.lang.String#length", "instrument", "counter"));
        assertEquals("false", jdk.getProperty("ok"));
        assertTrue(jdk.getProperty("message").contains("java.* classes"), jdk.toString());
        Properties unknown = child.request(Map.of("command", "attach", "target", "com.example.shop.Orders#nope",
                "instrument", "counter"));
        assertEquals("false", unknown.getProperty("ok"));
        assertTrue(unknown.getProperty("message").contains("its methods: <init>, checkout, refund, shop"), unknown.toString());
        Properties bad = child.request(Map.of("command", "frobnicate"));
        assertEquals("false", bad.getProperty("ok"));
        assertTrue(bad.getProperty("message").contains("unknown command 'frobnicate'"), bad.toString());
    }

    @Test
    @Order(7)
    void failingCondition_isAProbeError_andTheApplicationGoesOn() throws Exception {
        String target = "com.example.shop.Orders#checkout(Ljava/lang/String;)I";
        ok(Map.of("command", "attach", "target", target, "instrument", "counter", "name", "broken", "condition", "args[5] == 1"));
        Map<String, Object> e = child.await("probe.error", ev -> is(ev, "probe.error", target), WAIT);
        assertTrue(String.valueOf(fields(e).get("error")).contains("EvaluationException"), e.toString());
        assertTrue(child.process.isAlive());
        child.send("tick");
        assertTrue(child.process.isAlive(), child.stderr());
    }

    @Test
    @Order(9)
    void namedModule_methodIsRewrittenAndReachesTheBridge() throws Exception {
        Path modules = ModuleSample.compile();
        try (ChildJvm modular = new ChildJvm(javaHome(), List.of(), List.of("-p", modules.toString(), "-m",
                "modshop/modshop.Main"))) {
            String target = "modshop.Basket#total";
            Properties r = modular.request(Map.of("command", "attach", "target", target, "instrument", "log", "name", "total",
                    "value", "result", "event", "return"));
            assertEquals("true", r.getProperty("ok"), () -> r + "; stderr: " + modular.stderr());
            Map<String, Object> e = modular.await("a probe.log from a named module", ev -> is(ev, "probe.log", target), WAIT);
            assertEquals(42L, ((Number) fields(e).get("value")).longValue(), e.toString());
        }
    }

    @Test
    @Order(10)
    void telltaleOnTheModulePath_agentUsesItsModulesAndTheMethodIsProbed() throws Exception {
        Path modules = ModuleSample.compile();
        String telltale = System.getProperty("telltale.it.modules");
        assumeTrue(telltale != null, "telltale.it.modules (set by the agent's pom) names Telltale's module directories");
        String path = modules + java.io.File.pathSeparator + telltale;
        try (ChildJvm modular = new ChildJvm(javaHome(), List.of(), List.of("-p", path, "--add-modules",
                "dev.telltale.core,dev.telltale.backend.file", "-m", "modshop/modshop.Main"))) {
            String target = "modshop.Basket#total";
            Properties r = modular.request(Map.of("command", "attach", "target", target, "instrument", "counter",
                    "name", "totals"));
            assertEquals("true", r.getProperty("ok"), () -> r + "; stderr: " + modular.stderr());
            modular.await("a counter report", ev -> is(ev, "probe.metric", target)
                    && ((Number) fields(ev).get("count")).longValue() > 0, WAIT);
        }
    }

    @Test
    @Order(8)
    void startUpWithJavaagent_attachesBeforeTheClassLoads() throws Exception {
        Path dir = Files.createTempDirectory("telltale-agent-premain-");
        Path request = dir.resolve("request.properties");
        Path response = dir.resolve("response.properties");
        Properties req = new Properties();
        req.setProperty("command", "attach");
        req.setProperty("target", CHECKOUT);
        req.setProperty("instrument", "counter");
        req.setProperty("telltale.probe.report-interval", "100ms");
        req.setProperty("telltale.flush.interval", "50ms");
        req.setProperty("telltale.file.path", dir.resolve("events.jsonl").toString());
        req.setProperty("response", response.toString());
        try (var w = Files.newBufferedWriter(request)) {
            req.store(w, null);
        }
        try (ChildJvm started = new ChildJvm(javaHome(),
                List.of("-javaagent:" + ChildJvm.AGENT_JAR.toAbsolutePath() + "=request=" + request))) {
            Properties r = ChildJvm.readResponse(response);
            assertEquals("true", r.getProperty("ok"), r.toString());
            assertTrue(r.getProperty("message").contains("waiting for class com.example.shop.Orders"), r.toString());
            long end = System.nanoTime() + WAIT.toNanos();
            boolean counted = false;
            while (!counted && System.nanoTime() < end) {
                Path events = dir.resolve("events.jsonl");
                counted = Files.exists(events) && Files.readAllLines(events).stream()
                        .anyMatch(l -> l.contains("\"probe.metric\"") && l.contains("\"total\":") && !l.contains("\"total\":0"));
                if (!counted) {
                    TimeUnit.MILLISECONDS.sleep(20); // polling the child's file, bounded by WAIT
                }
            }
            assertTrue(counted, "no counted probe.metric in " + dir + "; stderr: " + started.stderr());
        }
    }
}
