package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The host name events carry: the configured one, stripped; else this machine's, never blank. */
class HostNameTest {

    @Test
    void configuredName_wins_stripped() {
        assertEquals("box-1", HostName.resolve("  box-1 \t"));
    }

    @Test
    void noName_orABlankOne_isThisMachinesName_neverBlank_neverPadded() {
        String machine = HostName.resolve(null);
        assertFalse(machine.isBlank());
        assertEquals(machine.strip(), machine);
        assertEquals(machine, HostName.resolve(""));
        assertEquals(machine, HostName.resolve("   "));
    }

    @Test
    void machineName_isTheEnvironmentsWhenItGivesOne() {
        String variable = System.getenv("HOSTNAME");
        if (variable == null || variable.isBlank()) {
            variable = System.getenv("COMPUTERNAME");
        }
        if (variable != null && !variable.isBlank()) {
            assertEquals(variable.strip(), HostName.resolve(null));
        } else {
            assertFalse(HostName.resolve(null).isBlank(), "the kernel's name or the resolver's");
        }
    }
}
