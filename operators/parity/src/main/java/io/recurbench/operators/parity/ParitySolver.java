package io.recurbench.operators.parity;

import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * Checks an operator against a parameter budget, or solves one of its {@link ParityKnob integer
 * knobs} to bring it within tolerance, and explains the outcome in words.
 *
 * <p>Solving bisects the knob's range for the smallest value whose total reaches the target, then
 * takes the closer of it and its predecessor. It relies on the knob contract (the count does not
 * decrease as the knob grows), checks it at the ends of the range, and reports clearly when the
 * target lies outside the reachable range or when one step of the knob is coarser than the
 * tolerance band, so that no value can satisfy it.
 */
public final class ParitySolver {

    /** The outcome of {@link #solve}: the best value found and whether it is within tolerance. */
    public record Solution(String knob, int value, boolean converged, ParityCheck check, String explanation) {}

    private final String operator;
    private final List<ParityKnob> knobs;
    private final long scaffold;
    private final ToLongFunction<HyperParameters> operatorCount;

    /**
     * @param operator      name for messages
     * @param knobs         the knobs that may be solved
     * @param scaffold      parameters outside the operator that the budget includes
     * @param operatorCount the operator's count for given hyper-parameters
     */
    public ParitySolver(String operator, List<ParityKnob> knobs, long scaffold,
                        ToLongFunction<HyperParameters> operatorCount) {
        this.operator = operator;
        this.knobs = List.copyOf(knobs);
        this.scaffold = scaffold;
        this.operatorCount = operatorCount;
    }

    /** A solver for {@code plugin} at {@code config}, counting by tracing ({@link ParameterCounter}). */
    public static ParitySolver forPlugin(OperatorPlugin plugin, ParityConfig config) {
        return new ParitySolver(plugin.name(), plugin.parityKnobs(), config.scaffold().count(),
                p -> ParameterCounter.count(plugin, config.dims(), p));
    }

    public ParityCheck check(HyperParameters params, Budget budget) {
        return new ParityCheck(operator, params, operatorCount.applyAsLong(params), scaffold, budget);
    }

    /** Solves {@code knobName} (one of the plugin's parity knobs), other hyper-parameters as in {@code params}. */
    public Solution solve(HyperParameters params, String knobName, Budget budget) {
        ParityKnob knob = knob(knobName);
        if (!(params.spec().get(knobName) instanceof HyperParameter.IntParam range)) {
            throw new IllegalArgumentException(operator + ": parity knob '" + knobName + "' is not an int hyper-parameter");
        }
        int lo = Math.max(knob.min(), range.min());
        int hi = Math.min(knob.max(), range.max());
        Map<Integer, ParityCheck> seen = new HashMap<>();
        IntFunction<ParityCheck> at =
                v -> seen.computeIfAbsent(v, k -> check(params.with(knobName, k), budget));

        ParityCheck low = at.apply(lo);
        ParityCheck high = at.apply(hi);
        if (low.total() > high.total()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: the count falls from %,d at %s = %d to %,d at %s = %d; parity knobs must not decrease it",
                    operator, low.total(), knobName, lo, high.total(), knobName, hi));
        }
        if (budget.target() > high.total()) {
            return give(knobName, hi, high, String.format(Locale.ROOT,
                    "%s = %d, the top of its range, gives only %,d (%+.3f%%); the budget %s is out of reach of this knob",
                    knobName, hi, high.total(), high.delta() * 100, budget));
        }
        if (budget.target() < low.total()) {
            return give(knobName, lo, low, String.format(Locale.ROOT,
                    "%s = %d, the bottom of its range, already gives %,d (%+.3f%%); the budget %s is out of reach of this knob",
                    knobName, lo, low.total(), low.delta() * 100, budget));
        }
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = a + (b - a) / 2;
            if (at.apply(mid).total() >= budget.target()) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        ParityCheck above = at.apply(a);
        ParityCheck below = a > lo ? at.apply(a - 1) : above;
        boolean pickBelow = budget.target() - below.total() < above.total() - budget.target();
        int value = pickBelow ? a - 1 : a;
        ParityCheck best = pickBelow ? below : above;
        ParityCheck other = pickBelow ? above : below;
        int otherValue = pickBelow ? a : a - 1;
        long step = above.total() - below.total();
        String neighbour = other == best ? "" : String.format(Locale.ROOT, "; %s = %d gives %,d (%+.3f%%)",
                knobName, otherValue, other.total(), other.delta() * 100);
        if (best.within()) {
            return new Solution(knobName, value, true, best, String.format(Locale.ROOT,
                    "%s: %s = %d gives %,d parameters (operator %,d + scaffold %,d), %+.3f%% from budget %s: within tolerance%s",
                    operator, knobName, value, best.total(), best.operatorCount(), scaffold, best.delta() * 100, budget, neighbour));
        }
        return give(knobName, value, best, String.format(Locale.ROOT,
                "no value of %s in [%d, %d] is within %s: the closest, %s = %d, gives %,d (%+.3f%%)%s; one step of %s"
                        + " changes the count by %,d, more than the tolerance band of ±%,d",
                knobName, lo, hi, budget, knobName, value, best.total(), best.delta() * 100, neighbour, knobName, step,
                Math.round(budget.tolerance() * budget.target())));
    }

    private Solution give(String knobName, int value, ParityCheck best, String reason) {
        List<String> others = knobs.stream().map(ParityKnob::name).filter(n -> !n.equals(knobName)).toList();
        String hint = others.isEmpty() ? "widen the tolerance" : "try another knob (" + String.join(", ", others)
                + ") or widen the tolerance";
        return new Solution(knobName, value, false, best, operator + ": " + reason + "; " + hint);
    }

    private ParityKnob knob(String name) {
        return knobs.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(operator + ": '" + name + "' is not a parity knob; knobs: "
                        + knobs.stream().map(ParityKnob::name).toList()));
    }
}
