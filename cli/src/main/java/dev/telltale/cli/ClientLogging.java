package dev.telltale.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much of the broker clients' own logging the command line shows. The Kafka and RabbitMQ
 * clients log through SLF4J, which this distribution binds to java.util.logging ({@code
 * slf4j-jdk14}), whose console handler writes to standard error beside Telltale's own lines.
 *
 * <p>Telltale itself says when a backend fails (one WARNING per outage) and when it publishes
 * again (one INFO). The Kafka client adds a WARN for every reconnect attempt while a broker is
 * away (up to one a second, {@code reconnect.backoff.max.ms}), hundreds in a few minutes, so the
 * command line shows only Kafka's ERRORs unless {@code --kafka-log} asks for more. RabbitMQ's
 * client keeps its warnings, and its INFO lines (its whole configuration) are hidden.
 *
 * <p>Not thread-safe; called from {@code main} before a command starts. The loggers are held here
 * because java.util.logging forgets the level of a logger nobody refers to.
 */
final class ClientLogging {

    /** The parent of every Kafka client logger. */
    static final Logger KAFKA = Logger.getLogger("org.apache.kafka");
    /** The parent of every RabbitMQ client logger. */
    static final Logger RABBITMQ = Logger.getLogger("com.rabbitmq");

    /** The {@code --kafka-log} values, in SLF4J's names, and what they are in java.util.logging. */
    private static final String[] NAMES = {"off", "error", "warn", "info", "debug", "trace"};
    private static final Level[] LEVELS = {Level.OFF, Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINEST};

    /** {@code --kafka-log LEVEL}, an option of every command that may use the Kafka client. */
    static final Option OPTION = Option.value("kafka-log", (char) 0, "LEVEL",
            "the Kafka client's own log lines on stderr: off, error (default), warn, info, debug, trace");

    private ClientLogging() {}

    /**
     * Kafka's ERRORs and RabbitMQ's WARNs and above; nothing changed when the user configured
     * java.util.logging ({@code -Djava.util.logging.config.file}).
     */
    static void defaults() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            setDefaults();
        }
    }

    /** Kafka's ERRORs and RabbitMQ's WARNs and above, whatever was configured. */
    static void setDefaults() {
        KAFKA.setLevel(Level.SEVERE);
        RABBITMQ.setLevel(Level.WARNING);
    }

    /**
     * Shows the Kafka client's lines at {@code name} and above ({@code --kafka-log}), whatever the
     * defaults or a logging configuration file said; for {@code debug} and {@code trace}, lowers
     * the console handler's threshold so that they reach it.
     *
     * @throws UsageException if {@code name} is not one of off, error, warn, info, debug, trace
     */
    static void kafka(String name) throws UsageException {
        Level level = parse(name);
        KAFKA.setLevel(level);
        if (level.intValue() < Level.INFO.intValue()) {
            for (Handler handler : Logger.getLogger("").getHandlers()) {
                if (handler instanceof ConsoleHandler && handler.getLevel().intValue() > level.intValue()) {
                    handler.setLevel(level);
                }
            }
        }
    }

    /** The java.util.logging level for an SLF4J level name, in any case. */
    static Level parse(String name) throws UsageException {
        String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(lower)) {
                return LEVELS[i];
            }
        }
        throw new UsageException("--kafka-log must be one of " + String.join(", ", NAMES) + ", not '" + name + "'");
    }
}
