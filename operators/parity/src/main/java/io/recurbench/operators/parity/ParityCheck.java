package io.recurbench.operators.parity;

import io.recurbench.api.operator.HyperParameters;
import java.util.Locale;

/**
 * One operator's count against a budget.
 *
 * @param operator      the operator's name
 * @param params        the hyper-parameters counted
 * @param operatorCount the operator's declared parameters
 * @param scaffoldCount the scaffold's parameters (embedding and heads)
 * @param budget        the budget compared against
 */
public record ParityCheck(String operator, HyperParameters params, long operatorCount, long scaffoldCount,
                          Budget budget) {

    public long total() {
        return operatorCount + scaffoldCount;
    }

    public double delta() {
        return budget.delta(total());
    }

    public boolean within() {
        return budget.admits(total());
    }

    /** One line: the count, how it splits, the deviation and the verdict. */
    public String explain() {
        return String.format(Locale.ROOT, "%s: %,d parameters (operator %,d + scaffold %,d), %+.3f%% from budget %s: %s",
                operator, total(), operatorCount, scaffoldCount, delta() * 100, budget,
                within() ? "within tolerance" : "outside tolerance");
    }
}
