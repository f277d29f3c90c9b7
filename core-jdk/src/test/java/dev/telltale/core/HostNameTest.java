package dev.telltale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host name events carry: the configured one, stripped; else this machine's, never blank. */
class HostNameTest {

    private static final Callable<String> RESOLVER = () -> "resolved-box";

    @TempDir
    Path dir;

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

    @Test
    void hostnameVariable_comesFirst_stripped() throws IOException {
        assertEquals("env-box", HostName.resolve(null, env("HOSTNAME", " env-box\n", "COMPUTERNAME", "win-box"),
                kernelFile("kernel-box"), RESOLVER));
    }

    @Test
    void blankHostnameVariable_givesWayToComputername() throws IOException {
        assertEquals("win-box", HostName.resolve(" ", env("HOSTNAME", "  ", "COMPUTERNAME", "win-box "),
                kernelFile("kernel-box"), RESOLVER));
    }

    @Test
    void noVariables_theKernelsName_stripped() throws IOException {
        assertEquals("kernel-box", HostName.resolve(null, env(), kernelFile("kernel-box\n"), RESOLVER));
    }

    @Test
    void blankOrMissingKernelName_theResolversName() throws IOException {
        assertEquals("resolved-box", HostName.resolve(null, env(), kernelFile(" \n"), RESOLVER));
        assertEquals("resolved-box", HostName.resolve(null, env(), dir.resolve("absent"), RESOLVER));
    }

    @Test
    void resolverFails_unknown() {
        Path absent = dir.resolve("absent");
        assertEquals("unknown", HostName.resolve(null, env(), absent, () -> {
            throw new UnknownHostException("no DNS (test)");
        }));
        assertEquals("unknown", HostName.resolve(null, env(), absent, () -> {
            throw new SecurityException("not allowed (test)");
        }));
    }

    private static Function<String, String> env(String... pairs) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map::get;
    }

    private Path kernelFile(String content) throws IOException {
        return Files.writeString(dir.resolve("hostname"), content);
    }
}
