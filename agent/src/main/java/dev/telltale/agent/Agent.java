package dev.telltale.agent;

import dev.telltale.agent.internal.AgentRuntime;
import java.lang.instrument.Instrumentation;

/**
 * The Telltale agent's entry points: {@code java -javaagent:telltale-agent.jar[=request=FILE]}
 * ({@link #premain}), or loaded into a running JVM by process id ({@link #agentmain}, as {@code
 * ./telltale probe} does). Loading it changes no class: it installs a retransform-capable
 * transformer that rewrites a class only once a probe names one of its methods ({@code
 * Probes.attach("com.acme.Orders#checkout")}), and gives it back its original bytes when the last
 * probe leaves. Loading it again (each {@code probe} command does) reuses what the first load set up.
 *
 * <p><b>Requests.</b> The agent's argument {@code request=PATH} (all of it after {@code
 * request=} is the path) names a {@link java.util.Properties} file (UTF-8) that asks for one
 * command; the agent answers in another Properties file (UTF-8), written atomically (a temporary
 * file renamed into place), so a reader never sees half of it:
 * <ul>
 *   <li>{@code command} — {@code attach}, {@code list} or {@code detach};
 *   <li>{@code response} — where to write the answer (required; without it the answer goes to the
 *       JVM's standard error);
 *   <li>attach: {@code target} ({@code com.acme.Orders#checkout}, optionally with a JVM
 *       descriptor; {@code <init>} for constructors), {@code instrument} (its type: {@code log},
 *       {@code counter}, {@code histogram}, {@code timer} or a registered custom type), {@code
 *       name} (default: the type), {@code event} ({@code call}, {@code return}, {@code
 *       exception}), {@code value}, {@code condition}, {@code message}, {@code lifespan} ({@code
 *       10m}, {@code 30s}, {@code PT10M}; default 10 minutes);
 *   <li>detach: {@code id} — a target as {@code list} prints it, or {@code all} (every probe the
 *       agent serves);
 *   <li>any {@code telltale.*} key — configures the pipeline the agent starts when the
 *       application has not started {@code Telltale.global()} by the agent's first request (by
 *       default the file backend at {@code <working directory>/telltale-out/events.jsonl}); the
 *       first request's keys count, later ones reuse that pipeline. The agent's pipeline is not
 *       made the global one, so the application can still build its own.
 * </ul>
 * The response: {@code ok} ({@code true}/{@code false}), {@code message} (one line; the error
 * when not ok), {@code events} (where the probes' events go), and for {@code list}: {@code
 * probes} (a count N), then for {@code i} in 0..N-1 {@code probe.<i>.target}, {@code
 * probe.<i>.instruments} ({@code type:name:state}, comma-separated) and {@code probe.<i>.status}
 * (what the agent does for it: {@code waiting for class ... to load}, {@code rewritten: 2
 * methods}, {@code error: ...}).
 *
 * <p><b>A probe manager.</b> The argument {@code store=ADDRESS} (all of it after {@code store=};
 * {@code file:PATH}, {@code kafka:HOST:PORT}, {@code amqp:URI}), or the setting {@code
 * telltale.probe.manager.store} when the argument has no {@code store=}, makes the agent run a
 * probe manager on that spec store in its pipeline: the JVM applies the specs put there and
 * reports its status back ({@code docs/SPECS.md}). See {@code AgentManager}.
 *
 * <p>Never throws into the JVM that loads it: a failure is written to the response (and to
 * standard error if there is no response file).
 */
public final class Agent {

    private Agent() {}

    /** At start-up, from {@code -javaagent}. */
    public static void premain(String args, Instrumentation inst) {
        AgentRuntime.start(args, inst);
    }

    /** Loaded into a running JVM (by process id), or as an executable jar's launcher agent. */
    public static void agentmain(String args, Instrumentation inst) {
        AgentRuntime.start(args, inst);
    }
}
