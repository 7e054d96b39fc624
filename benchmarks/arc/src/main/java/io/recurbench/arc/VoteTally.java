package io.recurbench.arc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The votes for one test input: every valid prediction, mapped back to the original task's frame,
 * counts as one vote for its grid. Ranking follows TRM's {@code evaluators/arc.py}: more votes first,
 * then higher mean confidence (TRM: the mean sigmoid of the halting logit), then — so that the order
 * never depends on hashing — the grid seen first.
 */
final class VoteTally {

    /** A distinct predicted grid with its votes. */
    record Candidate(Grid grid, int votes, double meanConfidence) {
    }

    private static final class Votes {
        int count;
        double confidenceSum;
    }

    private final Map<Grid, Votes> votes = new LinkedHashMap<>();
    private long invalid;

    void vote(Grid grid, double confidence) {
        Votes v = votes.computeIfAbsent(grid, g -> new Votes());
        v.count++;
        v.confidenceSum += confidence;
    }

    void invalid() {
        invalid++;
    }

    long invalidCount() {
        return invalid;
    }

    long validCount() {
        long n = 0;
        for (Votes v : votes.values()) {
            n += v.count;
        }
        return n;
    }

    /** Distinct candidates, best first. */
    List<Candidate> ranked() {
        List<Candidate> out = new ArrayList<>(votes.size());
        votes.forEach((g, v) -> out.add(new Candidate(g, v.count, v.confidenceSum / v.count)));
        // List.sort is stable: equal (votes, confidence) keep first-seen order.
        out.sort(Comparator.comparingInt(Candidate::votes).reversed()
                .thenComparing(Comparator.comparingDouble(Candidate::meanConfidence).reversed()));
        return out;
    }

    /** Shannon entropy of the vote distribution over distinct candidates, in bits (0 if unanimous). */
    double entropyBits() {
        double total = validCount();
        double h = 0;
        for (Votes v : votes.values()) {
            double p = v.count / total;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
