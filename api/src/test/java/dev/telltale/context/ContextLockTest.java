package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A context's lock is its own: an application that synchronizes on the context object, or a
 * mirror logger that blocks, does not stall the context's methods on other threads.
 */
@Timeout(60)
class ContextLockTest {

    private static final long WAIT_SECONDS = 10;

    private final Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN);

    @AfterEach
    void close() {
        telltale.close();
    }

    @Test
    void set_completes_whileAnotherThreadHoldsTheContextsMonitor() throws Exception {
        Context ctx = Context.builder().telltale(telltale).name("locked").start();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (ctx) {
                held.countDown();
                await(release);
            }
        }, "holds-the-context");
        holder.start();
        try {
            assertTrue(held.await(WAIT_SECONDS, TimeUnit.SECONDS));
            CountDownLatch done = runOnAnotherThread(c -> c.set("a", 1), ctx);
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS),
                    "set() waited for the application's lock on the context object");
            assertTrue(holder.isAlive(), "the monitor was still held while set() completed");
        } finally {
            release.countDown();
            holder.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        assertEquals(1, ctx.get("a"));
    }

    @Test
    void mirror_thatBlocks_doesNotHoldTheContextsLock() throws Exception {
        CountDownLatch inMirror = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LineLogger blocking = new LineLogger() {
            @Override
            void line(String line) {
                super.line(line);
                if (line.endsWith("a = 1")) {
                    inMirror.countDown();
                    await(release);
                }
            }
        };
        Context ctx = Context.builder().telltale(telltale).name("mirrored").mirror(blocking).start();
        CountDownLatch firstSet = runOnAnotherThread(c -> c.set("a", 1), ctx);
        try {
            assertTrue(inMirror.await(WAIT_SECONDS, TimeUnit.SECONDS), "the mirror was never called");
            CountDownLatch others = runOnAnotherThread(c -> {
                c.set("b", 2);
                c.log().info("b is {b}");
                c.fields();
            }, ctx);
            assertTrue(others.await(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the context's methods waited for a mirror logger blocked on another thread");
            assertEquals(1, firstSet.getCount(), "the first set() is still inside the mirror");
        } finally {
            release.countDown();
        }
        assertTrue(firstSet.await(WAIT_SECONDS, TimeUnit.SECONDS));
        ctx.close();
        List<String> kinds = FakeEngineFactory.engine(telltale).events().stream().map(Event::kind).toList();
        assertEquals(List.of("context.born", "context.update", "context.update", "context.log", "context.finished"), kinds);
    }

    private static CountDownLatch runOnAnotherThread(Consumer<Context> action, Context ctx) {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            action.accept(ctx);
            done.countDown();
        }, "context-user");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS * 3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
