package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.tool.ConfigValues;
import dev.telltale.trace.Sampler;
import dev.telltale.trace.Tracing;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./telltale tracecontext-service --port N}: runs {@link TraceContextService}, the service
 * the W3C trace-context test harness drives, until the process is stopped.
 */
final class TraceContextServiceCommand implements Command {

    @Override
    public String name() {
        return "tracecontext-service";
    }

    @Override
    public String summary() {
        return "serve the W3C trace-context test harness's protocol, to run its suite against Telltale";
    }

    @Override
    public String description() {
        return """
                Runs the service the W3C trace-context test harness (github.com/w3c/trace-context,
                test/) drives: each POST's body is a JSON list of {"url": ..., "arguments": [...]},
                and for each item the service POSTs the arguments to the url, propagating the trace
                context of the request it is handling with Telltale's W3C Trace Context (it also
                reads B3). Every request is a server span and every call a client span, sent
                through a pipeline with no backend (--set telltale.backend=file to keep them). Runs
                until stopped (Ctrl-C). Then, from the harness's test/ directory:
                  python3 test.py http://127.0.0.1:<port>/test""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("port", 'p', "N", "the port to listen on (default 5000; 0 for any free port)"),
                Option.value("host", (char) 0, "ADDRESS", "the address to listen on (default 127.0.0.1)"),
                Option.values("set", 's', "KEY=VALUE", "any telltale.* setting, e.g. --set telltale.backend=file"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        int port;
        try {
            port = ConfigValues.integer(args.value("port", "5000"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--port: " + e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535: " + port);
        }
        Telltale.Builder builder = Telltale.builder().backend("none");
        for (String setting : args.values("set")) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set takes KEY=VALUE, got '" + setting + "'");
            }
            builder.set(setting.substring(0, eq), setting.substring(eq + 1));
        }
        Telltale telltale;
        try {
            telltale = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (telltale;
                TraceContextService service = TraceContextService.start(args.value("host", "127.0.0.1"), port,
                        Tracing.of(telltale).tracer("tracecontext-service", Sampler.parentBased(Sampler.always())))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "tracecontext-service-stop"));
            out.println("telltale tracecontext-service: listening on " + service.url());
            out.println("Run the W3C suite from trace-context/test: python3 test.py " + service.url());
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
