package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.context.Context;
import dev.telltale.core.internal.json.EventCodec;
import dev.telltale.core.testing.LogCapture;
import dev.telltale.core.testing.MemoryBackend;
import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.spi.Envelope;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ContextTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    private RecordingBackend backend;
    private Telltale telltale;

    @BeforeEach
    void start() {
        String channel = "context-" + CHANNELS.incrementAndGet();
        backend = MemoryBackend.register(channel, new RecordingBackend("memory"));
        telltale = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).healthInterval(Duration.ZERO).build();
    }

    @AfterEach
    void stop() {
        telltale.close();
    }

    private Context.Builder context(String name) {
        return Context.builder().telltale(telltale).name(name);
    }

    /** The events the backend received, decoded. */
    private List<Event> events() {
        assertTrue(telltale.flush(WAIT));
        List<Event> out = new ArrayList<>();
        for (Envelope e : backend.received()) {
            out.add(EventCodec.decode(e.payload(), 0, e.payload().length));
        }
        return out;
    }

    private static List<String> kinds(List<Event> events) {
        return events.stream().map(Event::kind).toList();
    }

    @Test
    void life_bornUpdatesRemoveFinished_inOrder_withSequenceAndSource() {
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("url", "http://foo.com");
        initial.put("attempt", 1);
        try (Context ctx = context("shop.request").fields(initial).start()) {
            ctx.set("status", 200);
            ctx.update(Map.of("bytes", 512));
            ctx.remove("attempt");
            assertEquals(200, ctx.get("status"));
            assertNull(ctx.get("attempt"));
        }
        List<Event> events = events();
        assertEquals(List.of("context.born", "context.update", "context.update", "context.remove", "context.finished"),
                kinds(events));
        assertEquals(Map.of("url", "http://foo.com", "attempt", 1L), events.get(0).fields(), "born with the preloaded fields");
        assertEquals(List.of("url", "attempt"), new ArrayList<>(events.get(0).fields().keySet()));
        assertEquals(Map.of("status", 200L), events.get(1).fields());
        assertEquals(Map.of("bytes", 512L), events.get(2).fields());
        assertEquals(Map.of("keys", List.of("attempt")), events.get(3).fields());
        assertEquals(false, events.get(4).field("reclaimed"));
        double elapsed = ((Number) events.get(4).field("elapsed")).doubleValue();
        assertTrue(elapsed >= 0 && elapsed < 60, "elapsed seconds: " + elapsed);
        String id = events.get(0).source();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).seq(), "per-context sequence");
            assertEquals(id, events.get(i).source());
            assertEquals("shop.request", events.get(i).routingKey());
        }
    }

    @Test
    void update_packsSeveralChangesIntoOneMessage_andSetSendsOneEach() {
        try (Context ctx = context("pack").start()) {
            ctx.set("foo", 1);
            ctx.set("bar", 2);
            ctx.set("baz", 5);
            ctx.update(Map.of("foo", 10, "bar", 20, "baz", 50));
        }
        List<Event> events = events();
        assertEquals(List.of("context.born", "context.update", "context.update", "context.update", "context.update",
                "context.finished"), kinds(events));
        assertEquals(Map.of("foo", 10L, "bar", 20L, "baz", 50L), events.get(4).fields());
    }

    @Test
    void ignore_keysAreKeptButNeverPublished() {
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put("x", 1);
        initial.put("password", "hunter2");
        try (Context ctx = context("ignore").fields(initial).ignore("password", "foo").start()) {
            ctx.set("x", 5);
            ctx.set("foo", 1234);
            ctx.update(Map.of("foo", 1, "y", 2));
            ctx.remove("foo");
            assertEquals("hunter2", ctx.get("password"));
        }
        List<Event> events = events();
        assertEquals(List.of("context.born", "context.update", "context.update", "context.finished"), kinds(events));
        assertEquals(Map.of("x", 1L), events.get(0).fields());
        assertEquals(Map.of("x", 5L), events.get(1).fields());
        assertEquals(Map.of("y", 2L), events.get(2).fields());
        for (Envelope e : backend.received()) {
            assertFalse(new String(e.payload()).contains("hunter2"));
        }
    }

    @Test
    void headers_travelAsMessageHeaders() {
        try (Context ctx = context("headers").headers(Map.of("tenant", "acme")).start()) {
            ctx.set("a", 1);
        }
        List<Event> events = events();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(Map.of("tenant", "acme"), events.get(i).headers());
            assertEquals("acme", backend.received().get(i).headers().get("tenant"));
        }
    }

    @Test
    void ids_ownGuidOrRandomUuid() {
        Context own = context("ids").id("1234").start();
        Context a = context("ids").start();
        Context b = context("ids").start();
        assertEquals("1234", own.id());
        assertTrue(a.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a.id());
        assertNotEquals(a.id(), b.id());
        own.close();
        assertEquals("1234", events().get(0).source());
    }

    @Test
    void routingKey_explicit_fromCallingClass_fromSubclass_andToString() {
        Context explicit = context("a.b").start();
        Context derived = Context.builder().telltale(telltale).start();
        Context sub = new CheckoutContext(telltale);
        assertEquals("a.b", explicit.routingKey());
        assertEquals("dev.telltale.core.ContextTest", derived.routingKey());
        assertEquals("dev.telltale.core.ContextTest.CheckoutContext", sub.routingKey());
        assertEquals("Context[a.b " + explicit.id() + "]", explicit.toString());
        assertEquals("CheckoutContext[dev.telltale.core.ContextTest.CheckoutContext " + sub.id() + "]", sub.toString());
        assertEquals(Map.of("items", 3L), events().get(2).fields(), "the subclass's born fields");
    }

    static final class CheckoutContext extends Context {
        CheckoutContext(Telltale telltale) {
            super(Context.builder().telltale(telltale).fields(Map.of("items", 3)));
        }
    }

    @Test
    void builderName_badValues_failAtTheEdge() {
        assertThrows(NullPointerException.class, () -> Context.builder().name(null));
        assertThrows(IllegalArgumentException.class, () -> Context.builder().name(""));
        assertThrows(IllegalArgumentException.class, () -> Context.builder().name("x".repeat(256)));
    }

    @Test
    void nestedContext_isPublishedAsItsId() {
        try (Context parent = context("parent").start(); Context child = context("child").start()) {
            parent.set("child", child);
            assertSame(child, parent.get("child"));
        }
        Event update = events().stream().filter(e -> e.kind().equals("context.update")).findFirst().orElseThrow();
        String childId = events().stream().filter(e -> e.routingKey().equals("child")).findFirst().orElseThrow().source();
        assertEquals(Map.of("child", childId), update.fields());
    }

    @Test
    void nestedContexts_insideCollectionsAndWrapProxies_arePublishedAsTheirIds() {
        Account account = Context.builder().telltale(telltale).name("bank.account").id("acct-1")
                .wrap(Account.class, new Bank());
        try (Context parent = context("parent").start(); Context child = context("child").id("child-1").start()) {
            parent.update(new LinkedHashMap<>(Map.of(
                    "children", List.of(child, "plain"),
                    "byName", Map.of("c", child),
                    "array", new Object[] {child},
                    "account", account)));
        }
        Context.of(account).close();
        Event update = events().stream()
                .filter(e -> e.kind().equals("context.update") && e.routingKey().equals("parent"))
                .findFirst().orElseThrow();
        assertEquals(List.of("child-1", "plain"), update.field("children"));
        assertEquals(Map.of("c", "child-1"), update.field("byName"));
        assertEquals(List.of("child-1"), update.field("array"));
        assertEquals("acct-1", update.field("account"));
    }

    @Test
    void log_neverFillsIgnoredFields_leavesThemAsWrittenAndSaysSo() {
        try (Context ctx = context("login").ignore("secret").fields(Map.of("user", "ann", "secret", "s3cr3t")).start()) {
            ctx.log().info("login {user} with {secret}");
            assertEquals("s3cr3t", ctx.get("secret"), "kept on the object");
        }
        List<Event> logs = events().stream().filter(e -> e.kind().equals("context.log")).toList();
        assertEquals(1, logs.size());
        assertEquals("login ann with {secret}", logs.get(0).field("message"));
        assertEquals(List.of("secret"), logs.get(0).field("ignored"));
        assertNull(logs.get(0).field("missing"));
        for (Envelope e : backend.received()) {
            String json = new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(json.contains("s3cr3t"), "an ignored value was published: " + json);
        }
    }

    @Test
    void update_withAMapThatCannotBeRead_publishesWhatWentWrong_andNeverThrows() {
        Map<String, Object> broken = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                throw new java.util.ConcurrentModificationException("modified meanwhile");
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        };
        try (Context ctx = context("broken").fields(Map.of("a", 1)).start()) {
            ctx.update(broken);
            assertEquals(Map.of("a", 1), ctx.fields(), "nothing was read, nothing changed");
        }
        Event update = events().stream().filter(e -> e.kind().equals("context.update")).findFirst().orElseThrow();
        assertEquals("the fields could not be read: java.util.ConcurrentModificationException: modified meanwhile",
                update.field("$error"));
    }

    @Test
    void mirror_whoseLoggerThrows_neverReachesTheCaller() {
        System.Logger throwing = new System.Logger() {
            @Override
            public String getName() {
                return "throwing";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                throw new IllegalStateException("logger broke");
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                throw new IllegalStateException("logger broke");
            }
        };
        try (Context ctx = context("mirrored").mirror(throwing).start()) {
            ctx.set("a", 1);
            ctx.log().error("failed", new RuntimeException("x"));
        }
        assertEquals(List.of("context.born", "context.update", "context.log", "context.finished"), kinds(events()));
    }

    @Test
    void forgottenContext_isFinishedByTheCleaner_markedReclaimed() throws InterruptedException {
        WeakReference<Context> ref = forget();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ref.get() != null || events().stream().noneMatch(e -> e.kind().equals("context.finished"))) {
            assertTrue(System.nanoTime() < deadline, "the forgotten context was never finished");
            System.gc();
            Thread.sleep(10); // give the GC and the cleaner thread a moment; bounded by the deadline
        }
        Event finished = events().stream().filter(e -> e.kind().equals("context.finished")).findFirst().orElseThrow();
        assertEquals(true, finished.field("reclaimed"));
        assertEquals(3, finished.seq());
    }

    private WeakReference<Context> forget() {
        Context ctx = context("forgotten").start();
        ctx.set("x", 1);
        return new WeakReference<>(ctx);
    }

    @Test
    void transientContext_sendsItsFieldsOnce_andNothingElse() {
        Context.builder().telltale(telltale).name("my.routing.key").id("t-1").fields(Map.of("foo", "whatever"))
                .publish();
        List<Event> events = events();
        assertEquals(List.of("context.transient"), kinds(events));
        assertEquals(Map.of("foo", "whatever"), events.get(0).fields());
        assertEquals("t-1", events.get(0).source());
        assertEquals(1, events.get(0).seq());
    }

    @Test
    void longLivedContext_isAStreamOfDeltas() {
        Context db = context("faux_db").start();
        db.set("mystatus", "now this");
        db.set("mystatus", "and now that");
        List<Event> events = events();
        assertEquals(List.of("context.born", "context.update", "context.update"), kinds(events));
        assertEquals("and now that", events.get(2).field("mystatus"));
        assertFalse(db.isClosed());
    }

    @Test
    void log_formatsWithTheContextsFields_andReportsMissingKeys() {
        try (Context ctx = context("logs").fields(Map.of("foo", 1)).start()) {
            ctx.set("bar", 2);
            ctx.log().info("my foo is {foo} and my bar is {bar}");
            ctx.log().warn("{foo} {nope} {{literal}} {unclosed");
            ctx.log().error("failed after {bar} tries", new IllegalStateException("boom"));
        }
        List<Event> logs = events().stream().filter(e -> e.kind().equals("context.log")).toList();
        assertEquals(3, logs.size());
        assertEquals("my foo is 1 and my bar is 2", logs.get(0).field("message"));
        assertEquals("INFO", logs.get(0).field("level"));
        assertEquals("my foo is {foo} and my bar is {bar}", logs.get(0).field("template"));
        assertNull(logs.get(0).field("missing"));
        assertEquals("1 {nope} {literal} {unclosed", logs.get(1).field("message"));
        assertEquals(List.of("nope"), logs.get(1).field("missing"));
        assertEquals("WARNING", logs.get(1).field("level"));
        assertEquals("java.lang.IllegalStateException: boom", logs.get(2).field("exception"));
    }

    @Test
    void mirror_logsChanges_withNoBackendAtAll() {
        try (Telltale none = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("none").build();
                LogCapture jul = new LogCapture("shop.jul");
                LogCapture sys = new LogCapture("shop.system")) {
            try (Context ctx = Context.builder().telltale(none).name("shop").id("42")
                    .mirror(java.util.logging.Logger.getLogger("shop.jul")).fields(Map.of("x", 0)).start()) {
                ctx.update(new LinkedHashMap<>(Map.of("x", 1)));
                ctx.set("y", 2);
                ctx.remove("y");
                ctx.log().info("x is {x}");
            }
            try (Context ctx = Context.builder().telltale(none).name("shop").id("43")
                    .mirror(System.getLogger("shop.system")).start()) {
                ctx.set("z", "zed");
            }
            List<String> lines = jul.messages(Level.INFO);
            assertEquals("shop 42: born, x = 0", lines.get(0));
            assertEquals("shop 42: x = 1", lines.get(1));
            assertEquals("shop 42: y = 2", lines.get(2));
            assertEquals("shop 42: removed y", lines.get(3));
            assertEquals("shop 42: x is 1", lines.get(4));
            assertTrue(lines.get(5).startsWith("shop 42: finished, elapsed = "), lines.get(5));
            assertEquals("shop 43: z = zed", sys.messages(Level.INFO).get(1));
        }
    }

    @Test
    void unserialisableValue_neverThrows_andIsPublishedAsARepresentation() {
        Object evil = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        try (Context ctx = context("evil").start()) {
            ctx.set("evil", evil);
            ctx.set("cyclic", cyclic);
        }
        List<Event> events = events();
        assertEquals(4, events.size());
        Map<?, ?> repr = (Map<?, ?>) events.get(1).field("evil");
        assertTrue(String.valueOf(repr.get("$error")).contains("toString() threw java.lang.IllegalStateException"), repr.toString());
        assertEquals(List.of(Map.of("$cut", "cycle", "$type", "java.util.ArrayList")), events.get(2).field("cyclic"));
    }

    @Test
    void changesAfterClose_areKeptButNotPublished() {
        Context ctx = context("late").start();
        ctx.close();
        ctx.set("x", 1);
        ctx.close();
        assertEquals(1, ctx.get("x"));
        assertEquals(List.of("context.born", "context.finished"), kinds(events()));
    }

    @Test
    void waitOnClose_returnsOnlyWhenTheMessagesAreHandedToTheBackend() {
        // a flush interval of an hour: without the wait, nothing would be handed on yet
        String channel = "context-wait";
        RecordingBackend slow = MemoryBackend.register(channel, new RecordingBackend("memory"));
        try (Telltale t = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).flushInterval(Duration.ofHours(1))
                .healthInterval(Duration.ZERO).build()) {
            try (Context ctx = Context.builder().telltale(t).name("wait").waitOnClose(WAIT).start()) {
                ctx.set("a", 1);
            }
            assertEquals(3, slow.receivedCount());
        }
    }

    @Test
    void waitOnClose_theLongestDuration_closeNeverThrows_andTheMessagesAreHandedOn() {
        Context ctx = context("forever").waitOnClose(Duration.ofSeconds(Long.MAX_VALUE)).start();
        ctx.set("a", 1);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(ctx::close);
        assertTrue(ctx.isClosed());
        assertEquals(List.of("context.born", "context.update", "context.finished"), kinds(events()));
    }

    @Test
    void waitOnClose_andFlush_areBoundedByTheirTimeouts_whenTheBackendIsStuck() throws InterruptedException {
        String channel = "context-wait-stuck";
        RecordingBackend stuck = MemoryBackend.register(channel, new RecordingBackend("memory"))
                .mode(RecordingBackend.Mode.BLOCK);
        Duration bound = Duration.ofMillis(300);
        try (Telltale t = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).flushInterval(Duration.ofMillis(10))
                .flushTimeout(Duration.ofMillis(300)).healthInterval(Duration.ZERO).build()) {
            Context ctx = Context.builder().telltale(t).name("wait").waitOnClose(bound).start();
            assertTrue(stuck.awaitBlocked(WAIT), "the backend never got the first batch");
            ctx.set("a", 1);
            long start = System.nanoTime();
            ctx.close();
            long closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(closeMillis >= 250, "close() returned after " + closeMillis + " ms: it did not wait");
            assertTrue(closeMillis < 5_000, "close() waited " + closeMillis + " ms for a 300 ms bound");

            start = System.nanoTime();
            assertFalse(t.flush(bound), "flush says whether everything was handed on: it was not");
            long flushMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(flushMillis >= 250 && flushMillis < 5_000, "flush(300ms) took " + flushMillis + " ms");
        } finally {
            stuck.mode(RecordingBackend.Mode.ACCEPT);
        }
    }

    interface Account {
        String getOwner();

        void setOwner(String owner);

        int getBalance();

        void setBalance(int balance);

        boolean isFrozen();

        int withdraw(int amount) throws IOException;
    }

    static final class Bank implements Account {
        String owner = "ann";
        int balance = 100;

        @Override
        public String getOwner() {
            return owner;
        }

        @Override
        public void setOwner(String owner) {
            this.owner = owner;
        }

        @Override
        public int getBalance() {
            return balance;
        }

        @Override
        public void setBalance(int balance) {
            this.balance = balance;
        }

        @Override
        public boolean isFrozen() {
            return false;
        }

        @Override
        public int withdraw(int amount) throws IOException {
            if (amount > balance) {
                throw new IOException("insufficient funds: " + balance);
            }
            balance -= amount;
            return balance;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bank b && b.owner.equals(owner);
        }

        @Override
        public int hashCode() {
            return owner.hashCode();
        }

        @Override
        public String toString() {
            return "Bank(" + owner + ")";
        }
    }

    interface Settings {
        String getName();

        Settings setName(String name);

        boolean setFlag(boolean flag);
    }

    static final class PlainSettings implements Settings {
        String name = "original";
        boolean flag;

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Settings setName(String name) {
            this.name = name;
            return this;
        }

        @Override
        public boolean setFlag(boolean flag) {
            boolean was = this.flag;
            this.flag = flag;
            return was;
        }
    }

    @Test
    void wrap_fluentSetter_becomesAField_andReturnsTheProxy_otherSetMethodsReachTheObject() {
        PlainSettings plain = new PlainSettings();
        Settings settings = Context.builder().telltale(telltale).name("settings").wrap(Settings.class, plain);
        assertSame(settings, settings.setName("changed"), "a fluent setter returns the proxy, not the object");
        assertEquals("changed", settings.getName());
        assertEquals("original", plain.name, "the object is unchanged");
        assertFalse(settings.setFlag(true), "a setter returning boolean is an ordinary method of the object");
        assertTrue(plain.flag);
        Context.of(settings).close();
        List<Event> updates = events().stream().filter(e -> e.kind().equals("context.update")).toList();
        assertEquals(1, updates.size(), updates.toString());
        assertEquals(Map.of("name", "changed"), updates.get(0).fields());
    }

    @Test
    void wrap_behavesLikeTheObject_settersBecomeFieldsThatShadowGetters_objectUnchanged() throws Exception {
        Bank bank = new Bank();
        Account account = Context.builder().telltale(telltale).name("bank.account").wrap(Account.class, bank);
        assertEquals("ann", account.getOwner());
        assertEquals(90, account.withdraw(10), "calls reach the object");
        IOException thrown = assertThrows(IOException.class, () -> account.withdraw(1000));
        assertEquals("insufficient funds: 90", thrown.getMessage(), "the object's own exception, unwrapped");
        assertTrue(account.equals(bank) && account.equals(account), "equals as the object's");
        assertEquals(bank.hashCode(), account.hashCode());
        assertEquals("Bank(ann)", account.toString());

        account.setOwner("bob");
        account.setBalance(5);
        assertEquals("bob", account.getOwner(), "the context's field shadows the getter");
        assertEquals(5, account.getBalance());
        assertEquals("ann", bank.getOwner(), "the object itself is unchanged");
        assertEquals(90, bank.getBalance());
        assertFalse(account.isFrozen());

        Context ctx = Context.of(account);
        assertEquals("bob", ctx.get("owner"));
        ctx.close();
        List<Event> events = events();
        assertEquals(List.of("context.born", "context.update", "context.update", "context.finished"), kinds(events));
        assertEquals(Map.of("owner", "bob"), events.get(1).fields());
        for (Event e : events) {
            assertEquals(Bank.class.getName(), e.headers().get("via"));
        }
        assertThrows(IllegalArgumentException.class, () -> Context.of(bank));
        assertThrows(IllegalArgumentException.class, () -> Context.builder().wrap(Bank.class, bank));
    }

    @Test
    void jfr_recordsTheContextsLifeAsADurationEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ctx.jfr");
        String id;
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.ContextFinished");
            recording.start();
            try (Context ctx = context("jfr.ctx").start()) {
                id = ctx.id();
                ctx.set("x", 1);
            }
            recording.stop();
            recording.dump(file);
        }
        RecordedEvent span = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.ContextFinished"))
                .filter(e -> id.equals(e.getString("id")))
                .findFirst().orElseThrow(() -> new AssertionError("no ContextFinished for " + id));
        assertEquals("jfr.ctx", span.getString("routingKey"));
        assertFalse(span.getBoolean("reclaimed"));
        assertFalse(span.getDuration().isNegative());
    }

    @Test
    void manyThreads_eachUpdatingItsOwnContext_everyMessageInOrder() throws Exception {
        int threads = 200;
        int updates = 20;
        String channel = "context-many";
        RecordingBackend many = MemoryBackend.register(channel, new RecordingBackend("memory"));
        try (Telltale t = Telltale.builder().readEnvironment(false).shutdownHook(false).backend("memory")
                .set("telltale.memory.channel", channel).queueCapacity(threads * (updates + 2))
                .healthInterval(Duration.ZERO).build()) {
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                workers.add(new Thread(() -> {
                    try (Context ctx = Context.builder().telltale(t).name("many").id("c" + n).start()) {
                        for (int u = 1; u <= updates; u++) {
                            ctx.set("u", u);
                        }
                    }
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            assertTrue(t.flush(WAIT));
            assertEquals(0, t.stats().dropped());
            Map<String, List<Long>> seqs = new LinkedHashMap<>();
            for (Envelope e : many.received()) {
                Event ev = EventCodec.decode(e.payload(), 0, e.payload().length);
                seqs.computeIfAbsent(ev.source(), k -> new ArrayList<>()).add(ev.seq());
            }
            assertEquals(threads, seqs.size());
            for (List<Long> s : seqs.values()) {
                assertEquals(updates + 2, s.size());
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(i + 1, s.get(i));
                }
            }
        }
    }
}
