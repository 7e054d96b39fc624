package io.recurbench.plugins;

import io.recurbench.operators.parity.Budget;
import io.recurbench.operators.parity.ParityConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar recurbench-plugins.jar}: loads the built-in operators and the plugin directory,
 * validates every operator against the run's configuration and budget, runs the tiny comparison
 * ({@link ProbeTraining}) and prints the rows and the refused plugins. Until {@code recurbench compare}
 * exists, this is how a plugin author sees a new operator next to the built-ins.
 */
public final class PluginCheck {

    static final String USAGE = """
            usage: java -jar recurbench-plugins.jar [options]
              --plugins DIR        plugin directory (default: plugins)
              --no-classpath       skip the operators on the class path (the built-ins)
              --config NAME        sudoku | arc: dimensions and vocabulary (default: sudoku)
              --budget COUNT       parameter budget, operator + scaffold (e.g. 5M, 6.83M, 6829058)
              --tolerance T        budget tolerance (default: 0.5%)
              --set OP.KEY=VALUE   a hyper-parameter of operator OP (repeatable)
              --steps N            optimizer steps of the tiny comparison (default: 20)
              --timeout SECONDS    limit for one operator's validation and for its run (default: 300)
            """;

    /** The parsed command line. */
    record Options(Optional<Path> plugins, boolean classpath, ParityConfig config, Optional<Budget> budget,
                   Map<String, Map<String, Object>> hyperParameters, int steps, Duration timeout) {}

    private PluginCheck() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the check; returns the exit code (2 for a bad command line). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("recurbench-plugins: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        ValidationSettings settings = ValidationSettings.of(o.config()).withHyperParameters(o.hyperParameters())
                .withTimeout(o.timeout());
        if (o.budget().isPresent()) {
            settings = settings.withBudget(o.budget().get());
        }
        PluginHost.Inventory inventory = PluginHost.load(new PluginHost.Sources(o.classpath(), o.plugins()), settings);
        out.println("Configuration " + o.config().name() + " (D = " + o.config().dims().hiddenSize() + ", S = "
                + o.config().dims().sequenceLength() + "), budget " + o.budget().map(Budget::toString).orElse("none"));
        for (AcceptedPlugin a : inventory.accepted()) {
            out.println("accepted " + a.name() + " (" + a.loaded().source().label() + ", " + a.params() + "): "
                    + a.parity());
        }
        ProbeTraining training = new ProbeTraining(settings.probeDims(), settings.probeBatch(), o.steps(), 0.05, 0);
        List<SmokeComparison.Row> rows = new SmokeComparison(training, o.timeout()).run(inventory.accepted());
        out.println();
        out.println("Tiny comparison: learn to shift a random sequence by one position, " + o.steps()
                + " SGD steps at D = " + settings.probeDims().hiddenSize() + ", S = "
                + settings.probeDims().sequenceLength() + ", B = " + settings.probeBatch() + " (CPU backend)");
        out.println();
        out.print(SmokeComparison.markdown(rows, inventory.refused()));
        return 0;
    }

    static Options parse(String[] args) {
        Optional<Path> plugins = Optional.of(PluginDiscovery.DEFAULT_DIRECTORY);
        boolean classpath = true;
        ParityConfig config = ParityConfig.SUDOKU;
        String budget = null;
        double tolerance = Budget.DEFAULT_TOLERANCE;
        Map<String, Map<String, Object>> hp = new LinkedHashMap<>();
        int steps = 20;
        Duration timeout = Duration.ofSeconds(300);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-classpath" -> classpath = false;
                case "--plugins" -> plugins = Optional.of(Path.of(value(args, ++i, a)));
                case "--config" -> config = ParityConfig.named(value(args, ++i, a));
                case "--budget" -> budget = value(args, ++i, a);
                case "--tolerance" -> tolerance = Budget.parseTolerance(value(args, ++i, a));
                case "--steps" -> steps = positive(value(args, ++i, a), a);
                case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, a), a));
                case "--set" -> {
                    String s = value(args, ++i, a);
                    int dot = s.indexOf('.');
                    int eq = s.indexOf('=');
                    if (dot <= 0 || eq < dot + 2) {
                        throw new IllegalArgumentException("--set expects OP.KEY=VALUE, got '" + s + "'");
                    }
                    hp.computeIfAbsent(s.substring(0, dot), k -> new LinkedHashMap<>())
                            .put(s.substring(dot + 1, eq), s.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        Optional<Budget> b = budget == null ? Optional.empty()
                : Optional.of(new Budget(Budget.parseCount(budget), tolerance));
        return new Options(plugins, classpath, config, b, hp, steps, timeout);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a positive integer, got '" + text + "'");
    }
}
