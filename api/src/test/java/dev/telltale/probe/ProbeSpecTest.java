package dev.telltale.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSpecTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final InstrumentSpec COUNTER = InstrumentSpec.counter("n").lifespan(Duration.ofMinutes(5)).build();

    @Test
    void expires_isLastModifiedPlusTheInstrumentsLifespan() {
        ProbeSpec spec = ProbeSpec.of("a", Target.handle("h"), COUNTER, T0);
        assertEquals(Duration.ofMinutes(5), spec.lifespan());
        assertEquals(T0.plus(Duration.ofMinutes(5)), spec.expires());
        assertFalse(spec.expiredAt(T0.plus(Duration.ofMinutes(5)).minusNanos(1)));
        assertTrue(spec.expiredAt(T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void applied_isCopied_andIdIsChecked() {
        Map<String, ProbeSpec.Applied> applied = new HashMap<>();
        applied.put("p", new ProbeSpec.Applied(ProbeSpec.Status.APPLIED, null, T0));
        ProbeSpec spec = new ProbeSpec("a", Target.handle("h"), COUNTER, T0, applied);
        applied.clear();
        assertEquals(1, spec.applied().size());
        assertThrows(UnsupportedOperationException.class, () -> spec.applied().clear());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeSpec.of("no spaces", Target.handle("h"), COUNTER, T0));
        assertTrue(e.getMessage().contains("spec id 'no spaces'"), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> ProbeSpec.of("a", null, COUNTER, T0));
        assertEquals("target == null", npe.getMessage());
        assertEquals("failed", ProbeSpec.Status.FAILED.json());
    }
}
