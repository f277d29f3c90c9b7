package dev.telltale.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code ./telltale}: {@code telltale <command> [options]}. Exit status 0 on
 * success, 1 when the command failed, 2 for a command line that cannot be run; a command may add
 * its own (monitor: 3 when malformed input was skipped).
 */
public final class Main {

    private static final List<Command> COMMANDS = List.of(new DemoCommand(), new MonitorCommand(), new DumpCommand(),
            new ProbeCommand(), new TraceContextServiceCommand(), new SpecsCommand());

    /** The width of the command column in the usage: the longest command's name. */
    private static final int WIDTH = COMMANDS.stream().mapToInt(c -> c.name().length()).max().orElse(10);

    private Main() {}

    public static void main(String[] argv) {
        ClientLogging.defaults(); // the broker clients' own lines: Kafka's errors, RabbitMQ's warnings
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            if (argv.length > 1) {
                return run(new String[] {argv[1], "--help"}, out, err);
            }
            usage(argv.length == 0 ? err : out);
            return argv.length == 0 ? 2 : 0;
        }
        Command command = find(argv[0]);
        if (command == null) {
            err.println("telltale: unknown command '" + argv[0] + "'");
            usage(err);
            return 2;
        }
        try {
            Args args = Args.parse(command.options(), Arrays.copyOfRange(argv, 1, argv.length));
            if (args.has("help")) {
                help(command, out);
                return 0;
            }
            if (args.has(ClientLogging.OPTION.name())) {
                ClientLogging.kafka(args.value(ClientLogging.OPTION.name(), null));
            }
            return command.run(args, out, err);
        } catch (UsageException e) {
            err.println("telltale " + command.name() + ": " + e.getMessage());
            err.println("Run './telltale " + command.name() + " --help' for its options.");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("telltale " + command.name() + ": interrupted");
            return 1;
        } catch (Exception e) {
            err.println("telltale " + command.name() + ": " + e);
            return 1;
        }
    }

    private static Command find(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: ./telltale <command> [options]");
        out.println();
        out.println("Commands:");
        for (Command c : COMMANDS) {
            out.printf("  %-" + WIDTH + "s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Run './telltale <command> --help' for a command's options.");
    }

    private static void help(Command command, PrintStream out) {
        out.println("Usage: ./telltale " + command.name() + " " + command.synopsis());
        out.println();
        out.println(command.description());
        out.println();
        out.println("Options:");
        for (Option o : command.options()) {
            out.printf("  %-30s %s%n", o.synopsis(), o.help());
        }
        String epilog = command.epilog();
        if (!epilog.isEmpty()) {
            out.println();
            out.print(epilog.endsWith("\n") ? epilog : epilog + "\n");
        }
    }
}
