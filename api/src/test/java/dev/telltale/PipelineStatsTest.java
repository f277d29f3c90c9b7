package dev.telltale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link PipelineStats} is built by name, so a new count never changes a constructor. */
class PipelineStatsTest {

    @Test
    void builder_nothingSet_isZeroForBackendNone() {
        PipelineStats s = PipelineStats.builder().build();
        assertEquals("none", s.backend());
        assertEquals(0, s.offered() + s.published() + s.dropped() + s.pending() + s.queueDepth() + s.queueBytes()
                + s.suppressed());
    }

    @Test
    void droppedByReason_isTheMatchingNamedCount_andDroppedTheirSum() {
        PipelineStats.Builder b = PipelineStats.builder().backend("file").offered(20).published(10);
        long count = 1;
        for (DropReason reason : DropReason.values()) {
            b.dropped(reason, count++);
        }
        PipelineStats s = b.pending(0).build();
        assertEquals(1, s.droppedQueueFull());
        assertEquals(2, s.droppedTooLarge());
        assertEquals(3, s.droppedBackendError());
        assertEquals(4, s.droppedShutdown());
        for (DropReason reason : DropReason.values()) {
            assertEquals(reason.ordinal() + 1, s.dropped(reason), reason.name());
        }
        assertEquals(10, s.dropped());
    }

    @Test
    void toBuilder_copiesEveryFigure() {
        PipelineStats s = PipelineStats.builder().backend("kafka").offered(11).published(1).droppedQueueFull(2)
                .droppedTooLarge(3).droppedBackendError(4).droppedShutdown(0).pending(1).queueDepth(1)
                .queueBytes(99).suppressed(5).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(s.hashCode(), s.toBuilder().build().hashCode());
        assertEquals("PipelineStats[backend=kafka, offered=11, published=1, droppedQueueFull=2, droppedTooLarge=3, "
                + "droppedBackendError=4, droppedShutdown=0, pending=1, queueDepth=1, queueBytes=99, suppressed=5]",
                s.toString());
    }
}
