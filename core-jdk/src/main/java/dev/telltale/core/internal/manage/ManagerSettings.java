package dev.telltale.core.internal.manage;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The probe manager's settings (the {@code telltale.probe.manager.*} keys).
 *
 * @param store the store's address, {@code scheme:rest}; empty for no manager
 * @param interval how often it reconciles
 * @param timeout the longest one store call may block
 * @param processId this process's id in the specs' {@code applied} statuses
 * @param governance which specs it may apply
 * @param storeProperties {@code telltale.probe.store.*} settings, prefix removed ({@code kafka.topic})
 */
public record ManagerSettings(String store, Duration interval, Duration timeout, String processId, Governance governance,
        Map<String, String> storeProperties) {

    public ManagerSettings {
        Objects.requireNonNull(store, "store == null");
        Objects.requireNonNull(interval, "interval == null");
        Objects.requireNonNull(timeout, "timeout == null");
        Objects.requireNonNull(processId, "processId == null");
        Objects.requireNonNull(governance, "governance == null");
        storeProperties = Map.copyOf(storeProperties);
    }

    /** The settings the configuration gives, for the process on {@code host} with {@code pid}. */
    public static ManagerSettings from(Config config, String host, long pid, Map<String, String> storeProperties) {
        String service = config.string(CoreKeys.PROBE_MANAGER_SERVICE).strip();
        if (service.isEmpty()) {
            service = config.string(CoreKeys.TRACE_SERVICE).strip();
        }
        Governance governance = new Governance(list(config.string(CoreKeys.PROBE_MANAGER_TARGETS)),
                list(config.string(CoreKeys.PROBE_MANAGER_DENY)),
                Set.copyOf(list(config.string(CoreKeys.PROBE_MANAGER_TYPES))),
                config.duration(CoreKeys.PROBE_MANAGER_MAX_LIFESPAN));
        return new ManagerSettings(config.string(CoreKeys.PROBE_MANAGER_STORE).strip(),
                config.duration(CoreKeys.PROBE_MANAGER_INTERVAL), config.duration(CoreKeys.PROBE_MANAGER_TIMEOUT),
                processId(service, host, pid), governance, storeProperties);
    }

    /** {@code SERVICE@HOST:PID}, or {@code HOST:PID} without a service: stable for the process, readable. */
    public static String processId(String service, String host, long pid) {
        String base = host + ":" + pid;
        return service == null || service.isBlank() ? base : service.strip() + "@" + base;
    }

    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }
}
