package dev.telltale.core.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How self-attach finds the agent jar and reports an attaching process that fails; the load itself
 * is tested with child JVMs in the cli's SelfAttachIT.
 */
class SelfAttachTest {

    @TempDir
    Path dir;

    @Test
    void agentJar_theSettingWins_andMustBeAFile() throws Exception {
        Path jar = Files.writeString(dir.resolve("agent.jar"), "x");
        Path onClassPath = Files.writeString(dir.resolve("telltale-agent-0.1.0.jar"), "x");
        assertEquals(jar, SelfAttach.agentJar(jar.toString(), onClassPath.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelfAttach.agentJar(dir.resolve("gone.jar").toString(), onClassPath.toString()));
        assertEquals("telltale.agent.jar=" + dir.resolve("gone.jar") + " is not a file: set it to the path of telltale-agent.jar,"
                + " or start the JVM with -javaagent:telltale-agent.jar", e.getMessage());
    }

    @Test
    void agentJar_withoutSetting_isATelltaleAgentJarOnTheClassPath_orNone() throws Exception {
        Path other = Files.writeString(dir.resolve("telltale-core.jar"), "x");
        Path agent = Files.writeString(dir.resolve("telltale-agent.jar"), "x");
        String classPath = String.join(File.pathSeparator, other.toString(), "", dir.resolve("telltale-agent-missing.jar").toString(),
                agent.toString());
        assertEquals(agent, SelfAttach.agentJar(null, classPath));
        assertEquals(agent, SelfAttach.agentJar(" ", classPath));
        assertNull(SelfAttach.agentJar(null, other.toString()));
    }

    @Test
    void run_ofAProcessThatFails_saysWhatItPrinted_andHowToEnableTheAgent() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String why = SelfAttach.run(List.of(java, "-cp", dir.toString(), "no.such.Main"), Path.of("/opt/telltale-agent.jar"));
        assertTrue(why.startsWith("could not load Telltale's agent into this JVM: Error: Could not find or load main class no.such.Main"),
                why);
        assertTrue(why.endsWith("; start the JVM with -javaagent:/opt/telltale-agent.jar instead"), why);
    }

    @Test
    void run_ofAProcessThatSucceeds_isNull() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertNull(SelfAttach.run(List.of(java, "-version"), Path.of("telltale-agent.jar")));
    }
}
