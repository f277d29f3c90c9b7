package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.testing.Await;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadDumpTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Object monitor = new Object();
    private final Object waitedOn = new Object();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stop;

    @AfterEach
    void stop() {
        stop = true;
        release.countDown();
        synchronized (waitedOn) {
            waitedOn.notifyAll();
        }
    }

    private Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void holdMonitor() {
        synchronized (monitor) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String dump(boolean synchronizers) throws Exception {
        StringBuilder out = new StringBuilder();
        ThreadDump.write(ManagementFactory.getThreadMXBean(), synchronizers, out);
        return out.toString();
    }

    /** The block of the thread named {@code name}, up to the next thread's. */
    private static String block(String dump, String name) {
        int start = dump.indexOf("\"" + name + "\" #");
        assertTrue(start >= 0, "no thread " + name + " in\n" + dump);
        int end = dump.indexOf("\n\n\"", start);
        return dump.substring(start, end < 0 ? dump.length() : end);
    }

    @Test
    void dump_isInJstacksFormat_withLocksHeldAndWaitedFor() throws Exception {
        Thread holder = start("dump-holder", this::holdMonitor);
        Await.until(() -> holder.getState() == Thread.State.WAITING, WAIT, () -> "holder waits");
        Thread blocked = start("dump-blocked", () -> {
            synchronized (monitor) {
                assertTrue(true);
            }
        });
        Thread waiting = start("dump-waiting", () -> {
            synchronized (waitedOn) {
                while (!stop) {
                    try {
                        waitedOn.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        Thread parked = start("dump-parked", () -> {
            while (!stop) {
                LockSupport.park(waitedOn);
            }
        });
        Await.until(() -> blocked.getState() == Thread.State.BLOCKED && waiting.getState() == Thread.State.WAITING
                && parked.getState() == Thread.State.WAITING, WAIT, () -> "threads in place");

        String dump = dump(false);
        List<String> lines = dump.lines().toList();
        assertTrue(Pattern.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d", lines.get(0)), lines.get(0));
        assertTrue(lines.get(1).startsWith("Full thread dump ") && lines.get(1).endsWith("):"), lines.get(1));
        assertEquals("", lines.get(2));
        assertTrue(JstackFormat.threads(dump).keySet().containsAll(List.of("dump-holder", "dump-blocked", "dump-waiting", "dump-parked")),
                "every block reads as jstack's: " + dump);

        String h = block(dump, "dump-holder");
        assertTrue(Pattern.compile("^\"dump-holder\" #\\d+ daemon prio=5 os_prio=0 cpu=\\d+\\.\\d\\dms elapsed=0\\.00s "
                + "tid=0x[0-9a-f]+ nid=0x[0-9a-f]+ waiting on condition  \\[0x[0-9a-f]+\\]\n").matcher(h).find(), h);
        assertTrue(h.contains("\n   java.lang.Thread.State: WAITING (parking)\n"), h);
        assertTrue(h.contains("(java.base@" + Runtime.version().feature()), "frames carry module@version: " + h);
        assertTrue(h.contains("\n\tat dev.telltale.core.internal.watch.ThreadDumpTest.holdMonitor(ThreadDumpTest.java:"), h);
        String lockId = String.format("<0x%016x>", System.identityHashCode(monitor));
        assertTrue(h.contains("\t- locked " + lockId + " (a java.lang.Object)\n"), h);
        assertTrue(h.contains("\t- parking to wait for  <0x"), h);

        String b = block(dump, "dump-blocked");
        assertTrue(b.contains(" waiting for monitor entry  ["), b);
        assertTrue(b.contains("java.lang.Thread.State: BLOCKED (on object monitor)"), b);
        assertTrue(b.contains("\t- waiting to lock " + lockId + " (a java.lang.Object)\n"), b);

        String w = block(dump, "dump-waiting");
        assertTrue(w.contains(" in Object.wait()  ["), w);
        assertTrue(w.contains("java.lang.Thread.State: WAITING (on object monitor)"), w);
        assertTrue(w.contains("\t- waiting on " + String.format("<0x%016x>", System.identityHashCode(waitedOn))), w);

        String p = block(dump, "dump-parked");
        assertTrue(p.contains("\t- parking to wait for  " + String.format("<0x%016x>", System.identityHashCode(waitedOn))), p);
        assertFalse(dump.contains("Locked ownable synchronizers"), "the cheap dump has no synchronizers");
    }

    @Test
    void fullDump_listsLockedOwnableSynchronizers() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Thread owner = start("dump-lock-owner", () -> {
            lock.lock();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        Await.until(() -> lock.isLocked() && owner.getState() == Thread.State.WAITING, WAIT, () -> "lock owned");
        String full = dump(true);
        assertTrue(JstackFormat.threads(full).containsKey("dump-lock-owner"), full);
        String o = block(full, "dump-lock-owner");
        assertTrue(o.contains("\n   Locked ownable synchronizers:\n\t- <0x"), o);
        assertTrue(o.contains("(a java.util.concurrent.locks.ReentrantLock$NonfairSync)"), o);
    }

    @Test
    void frame_isWrittenAsJstackWritesIt() {
        assertEquals("java.lang.Thread.sleep(java.base@17/Native Method)",
                ThreadDump.frame(new StackTraceElement(null, "java.base", "17", "java.lang.Thread", "sleep", null, -2)));
        assertEquals("com.x.Shop.run(Shop.java:12)", ThreadDump.frame(new StackTraceElement("com.x.Shop", "run", "Shop.java", 12)));
        assertEquals("com.x.Shop.run(Unknown Source)", ThreadDump.frame(new StackTraceElement("com.x.Shop", "run", null, -1)));
        assertEquals("com.x.Shop.run(Shop.java)", ThreadDump.frame(new StackTraceElement("com.x.Shop", "run", "Shop.java", -1)));
    }
}
