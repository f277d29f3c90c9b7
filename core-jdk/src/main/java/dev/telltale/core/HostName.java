package dev.telltale.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, found without waiting on DNS where possible: the configured name, then
 * {@code HOSTNAME} or {@code COMPUTERNAME}, then the kernel's name ({@code
 * /proc/sys/kernel/hostname}), then {@link InetAddress#getLocalHost()}, else {@code unknown}.
 */
final class HostName {

    private HostName() {}

    static String resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
