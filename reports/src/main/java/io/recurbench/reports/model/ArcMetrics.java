package io.recurbench.reports.model;

import java.util.List;

/**
 * ARC-AGI-1 accuracy as pass@K: the fraction of test inputs whose expected output is among the K
 * most-voted predictions (after mapping augmented views back). Multi-input tasks count each input.
 *
 * @param testInputs number of evaluated test inputs
 * @param passAtK    one entry per K, K strictly increasing; solved counts cannot fall as K grows
 */
public record ArcMetrics(long testInputs, List<PassAtK> passAtK) implements TaskMetrics {

    /**
     * pass@K at one K.
     *
     * @param k      number of attempts allowed (≥ 1)
     * @param solved test inputs solved within K attempts
     * @param rate   {@code solved / testInputs}
     */
    public record PassAtK(int k, long solved, double rate) {
        public PassAtK {
            Check.positive("k", k);
            Check.nonNegative("solved", solved);
            Check.unit("rate", rate);
        }
    }

    public ArcMetrics {
        Check.positive("testInputs", testInputs);
        passAtK = Check.list("passAtK", passAtK);
        if (passAtK.isEmpty()) {
            throw new IllegalArgumentException("passAtK: expected at least one K");
        }
        for (int i = 0; i < passAtK.size(); i++) {
            PassAtK p = passAtK.get(i);
            String field = "passAtK[" + i + "]";
            if (p.solved() > testInputs) {
                throw new IllegalArgumentException(field + ".solved: " + p.solved() + " exceeds testInputs " + testInputs);
            }
            Check.ratio(field + ".rate", p.rate(), p.solved(), testInputs);
            if (i > 0) {
                PassAtK prev = passAtK.get(i - 1);
                if (p.k() <= prev.k()) {
                    throw new IllegalArgumentException(field + ".k: expected K strictly increasing, got "
                            + prev.k() + " then " + p.k());
                }
                if (p.solved() < prev.solved()) {
                    throw new IllegalArgumentException(field + ".solved: pass@" + p.k()
                            + " cannot solve fewer than pass@" + prev.k());
                }
            }
        }
    }

    /** Builds pass@K entries from solved counts per K, computing the rates. */
    public static ArcMetrics of(long testInputs, int[] ks, long[] solved) {
        if (ks.length != solved.length) {
            throw new IllegalArgumentException("ks and solved differ in length");
        }
        PassAtK[] entries = new PassAtK[ks.length];
        for (int i = 0; i < ks.length; i++) {
            entries[i] = new PassAtK(ks[i], solved[i], (double) solved[i] / testInputs);
        }
        return new ArcMetrics(testInputs, List.of(entries));
    }

    /** The solved count at exactly this K, or -1 when K was not evaluated. */
    public long solvedAt(int k) {
        for (PassAtK p : passAtK) {
            if (p.k() == k) {
                return p.solved();
            }
        }
        return -1;
    }

    @Override
    public long examples() {
        return testInputs;
    }
}
