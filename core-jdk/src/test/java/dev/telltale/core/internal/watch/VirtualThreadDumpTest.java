package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The virtual threads of a hang dump, from the JVM's JSON (hand-written here, or the JVM's own on JDK 21+). */
@Timeout(60)
class VirtualThreadDumpTest {

    @TempDir
    Path dir;

    /** A thread object as JDK 25 writes it; {@code more} are further members, each ending with a comma. */
    private static String thread(long tid, String name, String state, String more, String... stack) {
        String frames = Stream.of(stack).map(f -> "\"" + f.replace("/", "\\/") + "\"").collect(Collectors.joining(", "));
        return "{\"tid\": \"" + tid + "\", \"time\": \"2026-12-07T10:00:00Z\", " + (state == null ? "" : "\"virtual\": true, ")
                + "\"name\": \"" + name + "\", \"state\": \"" + (state == null ? "RUNNABLE" : state) + "\", " + more
                + "\"stack\": [" + frames + "]}";
    }

    private static String dumpOf(String... threads) {
        return "{\"threadDump\": {\"processId\": \"42\", \"time\": \"2026-12-07T10:00:00Z\", \"runtimeVersion\": \"25\", "
                + "\"threadContainers\": [{\"container\": \"<root>\", \"parent\": null, \"owner\": null, \"threads\": ["
                + String.join(", ", threads) + "], \"threadCount\": \"" + threads.length + "\"}]}}";
    }

    private static String append(String json, Set<Long> dumped, int limit) throws IOException {
        StringBuilder out = new StringBuilder();
        VirtualThreadDump.append(json.getBytes(StandardCharsets.UTF_8), dumped, limit, out);
        return out.toString();
    }

    private static final String PLATFORM_HEAD = "2026-12-07 10:00:00\nFull thread dump Test VM (25 mixed mode):\n\n";

    @Test
    void jdk25Json_virtualThreadsInJstacksBlockForm_platformOnesLeftToThePlatformPart() throws Exception {
        String json = dumpOf(
                thread(1, "main", null, "", "java.base/java.lang.Thread.sleep0(Native Method)", "com.acme.Main.main(Main.java:3)"),
                thread(30, "parked \\\"vt\\\"", "WAITING",
                        "\"parkBlocker\": {\"object\": \"java.util.concurrent.CountDownLatch$Sync@6ef888f6\"}, "
                                + "\"monitorsOwned\": [{\"depth\": 1, \"locks\": [\"java.lang.Object@10e92f8f\"]}], ",
                        "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                        "com.acme.Shop.await(Shop.java:12)", "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)"),
                thread(31, "", "TIMED_WAITING", "",
                        "java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:784)",
                        "java.base/java.lang.VirtualThread.sleepNanos(VirtualThread.java:980)", "app//com.acme.Shop.nap(Shop.java:20)"),
                thread(32, "blocked", "BLOCKED", "\"blockedOn\": \"java.lang.Object@10e92f8f\", ",
                        "com.acme.Shop.sync(Shop.java:30)"),
                thread(33, "waiting", "WAITING", "\"waitingOn\": \"java.lang.Object@1\", ",
                        "java.base/java.lang.Object.wait0(Native Method)"),
                thread(99, "new platform thread", null, "", "com.acme.Late.run(Late.java:1)"));

        String section = append(json, Set.of(1L), 10);

        assertTrue(section.startsWith("Virtual threads (4, from HotSpotDiagnosticMXBean.dumpThreads"), section);
        assertFalse(section.contains("\"main\"") || section.contains("new platform thread"), "platform threads: " + section);
        Map<String, JstackFormat.Thread> threads = JstackFormat.threads(PLATFORM_HEAD + section);
        assertEquals(List.of("parked \\\"vt\\\"", "", "blocked", "waiting"), List.copyOf(threads.keySet()));
        threads.values().forEach(t -> assertTrue(t.virtual(), t.block()));
        String base = "java.base@" + Runtime.version().feature();
        String parked = threads.get("parked \\\"vt\\\"").block();
        assertTrue(parked.startsWith("\"parked \\\"vt\\\"\" #30 virtual\n   java.lang.Thread.State: WAITING (parking)\n"
                + "\tat java.lang.VirtualThread.park(" + base), "the header, the state, the top frame with java.base's version: " + parked);
        assertTrue(parked.contains("/VirtualThread.java:742)\n"
                + "\t- parking to wait for  <0x000000006ef888f6> (a java.util.concurrent.CountDownLatch$Sync)\n"
                + "\tat com.acme.Shop.await(Shop.java:12)\n"
                + "\t- locked <0x0000000010e92f8f> (a java.lang.Object)\n"
                + "\tat java.lang.VirtualThread.run(" + base), parked);
        String sleeping = threads.get("").block();
        assertTrue(sleeping.startsWith("\"\" #31 virtual\n   java.lang.Thread.State: TIMED_WAITING (sleeping)\n"), sleeping);
        assertTrue(sleeping.endsWith("\tat com.acme.Shop.nap(Shop.java:20)"), "the class loader's name dropped: " + sleeping);
        assertTrue(threads.get("blocked").block().endsWith("State: BLOCKED (on object monitor)\n"
                + "\tat com.acme.Shop.sync(Shop.java:30)\n\t- waiting to lock <0x0000000010e92f8f> (a java.lang.Object)"),
                threads.get("blocked").block());
        assertTrue(threads.get("waiting").block().contains("Native Method)\n\t- waiting on <0x0000000000000001> (a java.lang.Object)"),
                threads.get("waiting").block());
    }

    @Test
    void jdk21Json_noStateNoMark_everyThreadNotDumpedIsVirtual_withoutAStateLine() throws Exception {
        String json = "{\"threadDump\": {\"processId\": \"42\", \"time\": \"t\", \"runtimeVersion\": \"21\", \"threadContainers\": ["
                + "{\"container\": \"<root>\", \"parent\": null, \"owner\": null, \"threads\": ["
                + "{\"tid\": \"1\", \"name\": \"main\", \"stack\": [\"com.acme.Main.main(Main.java:3)\"]}, "
                + "{\"tid\": \"40\", \"name\": \"vt-1\", \"stack\": [\"java.base\\/java.lang.VirtualThread.park(VirtualThread.java:1)\"]}"
                + "], \"threadCount\": \"2\"}, "
                + "{\"container\": \"java.util.concurrent.ThreadPerTaskExecutor@1\", \"parent\": \"<root>\", \"owner\": null, "
                + "\"threads\": [{\"tid\": \"41\", \"name\": \"vt-2\", \"stack\": []}], \"threadCount\": \"1\"}]}}";
        String section = append(json, Set.of(1L), 10);
        Map<String, JstackFormat.Thread> threads = JstackFormat.threads(PLATFORM_HEAD + section);
        assertEquals(List.of("vt-1", "vt-2"), List.copyOf(threads.keySet()), section);
        assertTrue(threads.get("vt-1").block().startsWith("\"vt-1\" #40 virtual\n\tat java.lang.VirtualThread.park(java.base@"
                + Runtime.version().feature()), section);
        assertEquals("\"vt-2\" #41 virtual", threads.get("vt-2").block(), "no state, no frames");
    }

    @Test
    void moreThanTheLimit_theFirstAreWritten_thenALineCountsTheRest() throws Exception {
        String[] many = new String[5];
        for (int i = 0; i < many.length; i++) {
            many[i] = thread(100 + i, "vt-" + i, "RUNNABLE", "", "com.acme.Work.run(Work.java:" + i + ")");
        }
        String section = append(dumpOf(many), Set.of(), 2);
        assertEquals(List.of("vt-0", "vt-1"), List.copyOf(JstackFormat.threads(PLATFORM_HEAD + section).keySet()), section);
        assertTrue(section.startsWith("Virtual threads (5, "), section);
        assertTrue(section.endsWith("\n\n3 more virtual threads left out (at most 2 are written)\n\n"), section);
    }

    @Test
    void noVirtualThreads_nothingIsAdded() throws Exception {
        assertEquals("", append(dumpOf(thread(1, "main", null, "", "com.acme.Main.main(Main.java:3)")), Set.of(1L), 10));
    }

    @Test
    void jsonThatIsNoThreadDump_aLineSaysWhy() throws Exception {
        String truncated = dumpOf(thread(30, "vt", "WAITING", "", "com.acme.Shop.await(Shop.java:12)"));
        truncated = truncated.substring(0, truncated.length() / 2);
        String section = append(truncated, Set.of(), 10);
        assertTrue(section.startsWith("Virtual threads left out: the JVM's dump of all threads (HotSpotDiagnosticMXBean.dumpThreads, "
                + truncated.length() + " bytes of JSON) could not be read: "), section);
        assertTrue(section.contains(" at line 1, column "), "where the reader stopped: " + section);
        assertTrue(append("{\"threadDump\": {}}", Set.of(), 10).contains("could not be read: no threadDump.threadContainers array"));
        assertTrue(append("[1]", Set.of(), 10).contains("could not be read: expected '{'"), append("[1]", Set.of(), 10));
        String bigContainer = "{\"threadDump\": {\"threadContainers\": [{\"container\": \"" + "x".repeat(500) + "\"}]}}";
        String line = append(bigContainer, Set.of(), 10);
        assertTrue(line.contains("a thread container without a threads array: {container=xxx") && line.length() < 300, line);
    }

    @Test
    void frames_asJstackWritesThem() {
        Map<String, String> versions = new HashMap<>();
        String base = "java.base@" + Runtime.version().feature();
        assertTrue(VirtualThreadBlocks.frame("java.base/java.lang.Thread.sleep0(Native Method)", versions)[1]
                .matches("java\\.lang\\.Thread\\.sleep0\\(" + base + "[.0-9]*/Native Method\\)"), versions.toString());
        assertEquals(List.of("com.acme.A.run", "com.acme.A.run(acme@1.2/A.java:3)"),
                List.of(VirtualThreadBlocks.frame("acme@1.2/com.acme.A.run(A.java:3)", versions)));
        assertEquals(List.of("com.acme.A.run", "com.acme.A.run(acme@1.2/A.java:3)"),
                List.of(VirtualThreadBlocks.frame("loader/acme@1.2/com.acme.A.run(A.java:3)", versions)));
        assertEquals(List.of("com.acme.A.run", "com.acme.A.run(A.java:3)"),
                List.of(VirtualThreadBlocks.frame("loader//com.acme.A.run(A.java:3)", versions)));
        assertEquals(List.of("com.acme.A.run", "com.acme.A.run(no.such.module/A.java:3)"),
                List.of(VirtualThreadBlocks.frame("no.such.module/com.acme.A.run(A.java:3)", versions)), "no version known");
        assertEquals(List.of("com.acme.A$$Lambda/0x0000000801001200.run", "com.acme.A$$Lambda/0x0000000801001200.run(Unknown Source)"),
                List.of(VirtualThreadBlocks.frame("com.acme.A$$Lambda/0x0000000801001200.run(Unknown Source)", versions)));
        assertEquals(List.of("not a frame", "not a frame"), List.of(VirtualThreadBlocks.frame("not a frame", versions)));
    }

    @Test
    void lock_asJstackWritesIt() {
        assertEquals("<0x000000006ef888f6> (a java.util.concurrent.CountDownLatch$Sync)",
                VirtualThreadBlocks.lock("java.util.concurrent.CountDownLatch$Sync@6ef888f6"));
        assertEquals("<0x00000000ffffffff> (a java.lang.Object)", VirtualThreadBlocks.lock("java.lang.Object@ffffffff"));
        assertEquals(String.format("<0x%016x> (a java.lang.Object)", -1), VirtualThreadBlocks.lock("java.lang.Object@ffffffff"),
                "as ThreadDump writes the same lock");
        assertEquals("<odd>", VirtualThreadBlocks.lock("odd"));
    }

    // --- through HangDumps: the file, the JSON beside it ---

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void truncatedJson_platformPartStillWritten_withALineSayingWhy_andTheJsonDeleted() throws Exception {
        HangDumps dumps = new HangDumps(dir, false, json -> {
            if (VirtualThreadDump.available()) { // the JVM's own dump, cut in half
                VirtualThreadDump.dumpJson(json);
                byte[] all = Files.readAllBytes(json);
                Files.write(json, java.util.Arrays.copyOf(all, all.length / 2));
            } else {
                Files.writeString(json, dumpOf(thread(30, "vt", "WAITING", "", "com.acme.A.run(A.java:1)")).substring(0, 100));
            }
        }, 10);
        HangDumps.Written written = dumps.write(0);
        assertEquals(written.files(), files(), "one file, the JSON deleted");
        String text = Files.readString(written.files().get(0));
        Map<String, JstackFormat.Thread> threads = JstackFormat.threads(text);
        assertTrue(threads.containsKey(java.lang.Thread.currentThread().getName()), text);
        assertTrue(threads.values().stream().noneMatch(JstackFormat.Thread::virtual), text);
        assertTrue(text.contains("\n\nVirtual threads left out: the JVM's dump of all threads (HotSpotDiagnosticMXBean.dumpThreads, "),
                text);
        assertTrue(text.endsWith("\n\n"), "the line closes the file: " + text.substring(text.length() - 200));
    }

    @Test
    void jvmRefusingTheDump_platformPartStillWritten_withALineSayingWhy() throws Exception {
        HangDumps dumps = new HangDumps(dir, false, json -> {
            throw new IOException("disk full");
        }, 10);
        HangDumps.Written written = dumps.write(0);
        String text = Files.readString(written.files().get(0));
        assertTrue(JstackFormat.threads(text).containsKey(java.lang.Thread.currentThread().getName()), text);
        assertTrue(text.endsWith("\n\nVirtual threads left out: the JVM's dump of all threads "
                + "(HotSpotDiagnosticMXBean.dumpThreads) failed: java.io.IOException: disk full\n\n"), text);
        assertEquals(written.files(), files());
    }

    @Test
    void jsonBeyondTheLimit_isNotRead_aLineSaysWhy() throws Exception {
        HangDumps dumps = new HangDumps(dir, false, json -> {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(json.toFile(), "rw")) {
                f.setLength(VirtualThreadDump.MAX_JSON_BYTES + 1); // sparse: nothing written
            }
        }, 10);
        HangDumps.Written written = dumps.write(0);
        String text = Files.readString(written.files().get(0));
        assertTrue(text.endsWith("\n\nVirtual threads left out: the JVM's dump of all threads is " + (VirtualThreadDump.MAX_JSON_BYTES + 1)
                + " bytes of JSON, more than the " + VirtualThreadDump.MAX_JSON_BYTES + " read for them\n\n"), text);
        assertEquals(written.files(), files(), "the JSON deleted");
    }

    @Test
    void writeWithVirtualThreads_asAHangDumpByDefault_scratchDeleted() throws Exception {
        Path scratch = dir.resolve("threads.json");
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService virtual = null;
        try {
            if (VirtualThreadDump.available()) {
                virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
                CountDownLatch named = new CountDownLatch(1);
                virtual.execute(() -> {
                    java.lang.Thread.currentThread().setName("vt-bench");
                    named.countDown();
                    parkedInVirtualThread(release);
                });
                named.await();
            }
            StringBuilder out = new StringBuilder();
            ThreadDump.writeWithVirtualThreads(java.lang.management.ManagementFactory.getThreadMXBean(), false, scratch, out);
            Map<String, JstackFormat.Thread> threads = JstackFormat.threads(out.toString());
            assertTrue(threads.containsKey(java.lang.Thread.currentThread().getName()), out.toString());
            assertEquals(virtual != null, threads.containsKey("vt-bench") && threads.get("vt-bench").virtual(), out.toString());
            assertEquals(List.of(), files(), "the scratch file deleted");
        } finally {
            release.countDown();
            if (virtual != null) {
                virtual.shutdown();
            }
        }
    }

    /** Waits for {@code release}: a frame to find in the dump. */
    private static void parkedInVirtualThread(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
    }

    @Test
    void theJvmsOwnDump_onJdk21_hasTheParkedVirtualThread_inBlockForm_andNoPlatformThreadTwice() throws Exception {
        HangDumps dumps = new HangDumps(dir, false, true);
        if (!VirtualThreadDump.available()) {
            String text = Files.readString(dumps.write(0).files().get(0));
            assertFalse(text.contains("Virtual threads"), "nothing to add before JDK 21: " + text);
            assertTrue(JstackFormat.threads(text).values().stream().noneMatch(JstackFormat.Thread::virtual), text);
            return;
        }
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch named = new CountDownLatch(1);
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            virtual.execute(() -> {
                java.lang.Thread.currentThread().setName("vt-parked");
                named.countDown();
                parkedInVirtualThread(release);
            });
            named.await();
            String text = Files.readString(dumps.write(0).files().get(0));
            Map<String, JstackFormat.Thread> threads = JstackFormat.threads(text);
            JstackFormat.Thread parked = threads.get("vt-parked");
            assertTrue(parked != null && parked.virtual(), text);
            assertTrue(parked.block().contains("\n\tat dev.telltale.core.internal.watch.VirtualThreadDumpTest.parkedInVirtualThread("
                    + "VirtualThreadDumpTest.java:"), parked.block());
            long platform = threads.values().stream().filter(t -> !t.virtual()).count();
            assertEquals(platform, threads.values().stream().filter(t -> !t.virtual()).map(JstackFormat.Thread::id).distinct().count());
            assertTrue(threads.values().stream().filter(JstackFormat.Thread::virtual)
                    .noneMatch(v -> threads.values().stream().anyMatch(p -> !p.virtual() && p.id() == v.id())),
                    "a platform thread written again as virtual: " + text);
        } finally {
            release.countDown();
            virtual.shutdown();
        }
    }
}
