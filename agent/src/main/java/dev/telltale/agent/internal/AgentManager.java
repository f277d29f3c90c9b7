package dev.telltale.agent.internal;

import dev.telltale.spi.ConfigKey;
import java.util.Properties;

/**
 * The agent's {@code store=ADDRESS} option: runs a probe manager on that spec store in the JVM the
 * agent is loaded into, so that a fleet of services that never had Telltale built in applies the
 * specs put there and reports back ({@code docs/SPECS.md}). All of the argument after {@code
 * store=} is the address ({@code file:PATH}, {@code kafka:HOST:PORT}, {@code amqp:URI}). Without
 * the option, the setting {@code telltale.probe.manager.store} (a system property or the
 * environment variable {@code TELLTALE_PROBE_MANAGER_STORE}) does the same when the agent
 * starts.
 *
 * <p>The manager runs in the agent's pipeline ({@link AgentPipeline}), started here with {@code
 * telltale.probe.manager.store} set; the other {@code telltale.probe.manager.*} settings come
 * from the JVM's system properties and environment. The store is opened on the manager's own
 * thread, so loading the agent never waits for it. If the agent's pipeline already runs (an
 * earlier request started it), or the application has started its own global pipeline, that
 * pipeline is used as it is: it runs a manager only if it was configured with one.
 *
 * <p>A store whose scheme no provider on the JVM's class path serves ({@code kafka:} needs
 * {@code telltale-backend-kafka} and {@code kafka-clients}, {@code amqp:} {@code
 * telltale-backend-amqp} and {@code amqp-client}) is reported on standard error and nothing
 * else happens. Never throws.
 */
final class AgentManager {

    static final String OPTION = "store=";
    static final String KEY = "telltale.probe.manager.store";

    private AgentManager() {}

    /** The store the agent's argument or the JVM's setting names, or null. */
    static String store(String args) {
        if (args != null && args.trim().startsWith(OPTION)) {
            String address = args.trim().substring(OPTION.length()).trim();
            return address.isEmpty() ? null : address;
        }
        String setting = System.getProperty(KEY);
        if (setting == null) {
            setting = System.getenv(ConfigKey.environmentName(KEY));
        }
        return setting == null || setting.isBlank() ? null : setting.trim();
    }

    /** Starts the agent's pipeline with a manager on the store, if one is named; never throws. */
    static void startFromArgs(String args) {
        String store;
        try {
            store = store(args);
        } catch (RuntimeException e) {
            return; // an unreadable setting: as if none were set
        }
        if (store == null) {
            return;
        }
        try {
            Properties settings = new Properties();
            settings.setProperty(KEY, store);
            AgentPipeline.get(settings);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) t;
            }
            System.err.println("telltale agent: cannot run a probe manager on " + store + ": " + t);
        }
    }
}
