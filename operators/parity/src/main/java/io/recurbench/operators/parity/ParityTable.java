package io.recurbench.operators.parity;

import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.OperatorPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The parity table: every operator found by {@link ServiceLoader} counted exactly at the papers'
 * settings, or against a budget, optionally solving a knob. Until the CLI's
 * {@code recurbench list operators --budget} exists this class is the entry point:
 * <pre>
 *   ParityTable                                   the papers' settings, with published counts
 *   ParityTable --budget 6.83M [--tolerance 0.5%] [--config arc|sudoku] [--solve operator:knob]
 * </pre>
 */
public final class ParityTable {

    private final Map<String, OperatorPlugin> plugins;

    public ParityTable(Map<String, OperatorPlugin> plugins) {
        this.plugins = new TreeMap<>(plugins);
    }

    /** The operators on the class path, by name; fails on a duplicate name or a foreign SPI version. */
    public static ParityTable discover() {
        Map<String, OperatorPlugin> found = new TreeMap<>();
        for (OperatorPlugin p : ServiceLoader.load(OperatorPlugin.class)) {
            OperatorPlugin.checkCompatible(p);
            OperatorPlugin previous = found.put(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two operator plugins are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new ParityTable(found);
    }

    public Map<String, OperatorPlugin> plugins() {
        return plugins;
    }

    public OperatorPlugin plugin(String name) {
        OperatorPlugin p = plugins.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown operator '" + name + "'; known: " + plugins.keySet());
        }
        return p;
    }

    /** The hyper-parameters of {@code operator} at {@code config}: defaults plus the papers' overrides. */
    public HyperParameters paperParams(String operator, ParityConfig config) {
        Map<String, Object> overrides = Map.of();
        for (PaperSetting s : PaperSetting.ALL) {
            if (s.operator().equals(operator) && s.config().equals(config)) {
                overrides = s.overrides();
            }
        }
        return plugin(operator).hyperParameters().parse(overrides);
    }

    /** The exact total (operator + scaffold) of {@code setting}. */
    public long total(PaperSetting setting) {
        OperatorPlugin p = plugin(setting.operator());
        return ParameterCounter.count(p, setting.config().dims(), p.hyperParameters().parse(setting.overrides()))
                + setting.config().scaffold().count();
    }

    /** The papers' settings table (Markdown). */
    public String renderPaperTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| config | operator | setting | operator params | scaffold | total | published |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|\n");
        for (PaperSetting s : PaperSetting.ALL) {
            if (!plugins.containsKey(s.operator())) {
                continue;
            }
            long scaffold = s.config().scaffold().count();
            long total = total(s);
            String published = s.published() == null ? "—"
                    : String.format(Locale.ROOT, "%,d %s", s.published(), total == s.published() ? "(exact)" : "(MISMATCH)");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %,d | %s |%n", s.config().name(),
                    s.operator(), s.note(), total - scaffold, scaffold, total, published));
        }
        return sb.toString();
    }

    /** Every discovered operator at {@code config} (with the papers' overrides) against {@code budget}. */
    public List<ParityCheck> checkAll(ParityConfig config, Budget budget) {
        List<ParityCheck> checks = new ArrayList<>();
        for (String name : plugins.keySet()) {
            checks.add(ParitySolver.forPlugin(plugin(name), config).check(paperParams(name, config), budget));
        }
        return checks;
    }

    /** Checks as a Markdown table: total, delta from the budget, verdict. */
    public static String render(List<ParityCheck> checks) {
        StringBuilder sb = new StringBuilder("| operator | total | delta | verdict |\n|---|---:|---:|---|\n");
        for (ParityCheck c : checks) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %+.3f%% | %s |%n", c.operator(), c.total(),
                    c.delta() * 100, c.within() ? "within" : "outside"));
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        try {
            System.out.print(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("parity: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the command line {@code args} and returns what it prints. */
    public static String run(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!List.of("--budget", "--tolerance", "--config", "--solve").contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: ParityTable [--budget 6.83M] [--tolerance 0.5%]"
                        + " [--config arc|sudoku] [--solve operator:knob]; bad argument '" + key + "'");
            }
            options.put(key, args[++i]);
        }
        ParityTable table = discover();
        if (!options.containsKey("--budget")) {
            return table.renderPaperTable();
        }
        Budget budget = new Budget(Budget.parseCount(options.get("--budget")),
                Budget.parseTolerance(options.getOrDefault("--tolerance", "0.5%")));
        ParityConfig config = ParityConfig.named(options.getOrDefault("--config", "arc"));
        StringBuilder out = new StringBuilder(render(table.checkAll(config, budget)));
        String solve = options.get("--solve");
        if (solve != null) {
            String[] parts = solve.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--solve '" + solve + "': expected operator:knob, e.g. mamba2-hybrid:d_state");
            }
            ParitySolver.Solution s = ParitySolver.forPlugin(table.plugin(parts[0]), config)
                    .solve(table.paperParams(parts[0], config), parts[1], budget);
            out.append(s.explanation()).append('\n');
        }
        return out.toString();
    }
}
