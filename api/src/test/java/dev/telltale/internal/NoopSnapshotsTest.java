package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.telltale.snapshot.Snapshots;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without the core, snapshots are not saved and no handler is installed, but arguments are still checked. */
class NoopSnapshotsTest {

    private final Snapshots snapshots = NoopEngine.INSTANCE.snapshots();

    @Test
    void save_withoutCore_returnsEmpty() {
        assertEquals(Optional.empty(), snapshots.save(new IllegalStateException("x")));
    }

    @Test
    void save_nullArguments_throwNamingThem() {
        assertEquals("error == null", assertThrows(NullPointerException.class, () -> snapshots.save(null)).getMessage());
        assertEquals("values == null", assertThrows(NullPointerException.class,
                () -> snapshots.save(new RuntimeException(), (Map<String, ?>) null)).getMessage());
    }

    @Test
    void installUncaughtHandler_withoutCore_leavesTheHandlerAlone() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (Snapshots.Installation ignored = snapshots.installUncaughtHandler()) {
            assertEquals(before, Thread.getDefaultUncaughtExceptionHandler());
        }
    }
}
