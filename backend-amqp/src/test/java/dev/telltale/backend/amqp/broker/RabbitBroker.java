package dev.telltale.backend.amqp.broker;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's RabbitMQ on 127.0.0.1:5672, guest/guest. Stopped and started with {@code
 * rabbitmqctl stop_app} and {@code start_app}; a JVM shutdown hook and {@link #ensureRunning()}
 * make sure a failed test cannot leave it stopped.
 */
final class RabbitBroker implements TestBroker {

    static final int PORT = 5672;
    private static final String CTL = "rabbitmqctl";
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(90);
    private boolean hookInstalled;

    static boolean answers() {
        return Brokers.answers(PORT, 2000);
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + PORT + "/%2F";
    }

    @Override
    public int port() {
        return PORT;
    }

    @Override
    public Map<String, String> queueOptions() {
        return Map.of();
    }

    @Override
    public boolean exchangeBindings() {
        return true;
    }

    @Override
    public boolean cancelsConsumers() {
        return true;
    }

    @Override
    public boolean durableAcrossRestart() {
        return true;
    }

    @Override
    public Map<String, Object> nackWhenFullArguments() {
        return Map.of("x-max-length", 1, "x-overflow", "reject-publish");
    }

    @Override
    public boolean restartable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, CTL).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop(Duration timeout) throws Exception {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    ensureRunning();
                } catch (Exception e) {
                    System.err.println("could not restart RabbitMQ after the tests: " + e);
                }
            }, "restart-rabbitmq"));
        }
        ctl("stop_app", timeout);
    }

    @Override
    public void start(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ctl("start_app", timeout);
        while (!answers()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("RabbitMQ did not accept connections within " + timeout);
            }
            Thread.sleep(100); // polling a port: there is nothing to block on
        }
    }

    @Override
    public void ensureRunning() throws Exception {
        if (!answers() && restartable()) {
            start(CTL_TIMEOUT);
        }
    }

    private static void ctl(String command, Duration timeout) throws Exception {
        Process process = new ProcessBuilder(List.of(CTL, command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(CTL + " " + command + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(CTL + " " + command + " failed with exit status " + process.exitValue());
        }
    }

    @Override
    public String toString() {
        return "RabbitMQ on 127.0.0.1:" + PORT;
    }
}
