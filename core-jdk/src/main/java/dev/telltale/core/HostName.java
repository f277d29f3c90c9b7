package dev.telltale.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * This machine's name, found without waiting on DNS where possible: the configured name, then
 * {@code HOSTNAME} or {@code COMPUTERNAME}, then the kernel's name ({@code
 * /proc/sys/kernel/hostname}), then {@link InetAddress#getLocalHost()}, else {@code unknown}.
 */
final class HostName {

    private HostName() {}

    static String resolve(String configured) {
        return resolve(configured, System::getenv, Path.of("/proc/sys/kernel/hostname"),
                () -> InetAddress.getLocalHost().getHostName());
    }

    /**
     * As {@link #resolve(String)}, with the environment, the kernel's name file and the resolver
     * given: tests pass their own, since this machine answers only one way.
     */
    static String resolve(String configured, Function<String, String> environment, Path kernelName,
            Callable<String> resolver) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            String kernel = Files.readString(kernelName, StandardCharsets.UTF_8).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or not readable: fall through
        }
        try {
            return resolver.call();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
