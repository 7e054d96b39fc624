package io.recurbench.reports.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contents of {@code results.json}: everything a report is rendered from. Schema
 * {@value #SCHEMA}, version {@value #VERSION}; documented in {@code docs/results-schema.md}.
 *
 * @param schema    always {@value #SCHEMA}
 * @param version   always {@value #VERSION}; a reader refuses other versions
 * @param suite     the manifest: what ran, where, with which seeds
 * @param operators one entry per operator × task, refused plugins included
 * @param runs      one entry per operator × task × seed that was attempted
 */
public record Results(String schema, int version, Suite suite, List<OperatorEntry> operators, List<Run> runs) {

    /** The schema name written in every results file. */
    public static final String SCHEMA = "recurbench-results";
    /** The schema version this build writes and reads. */
    public static final int VERSION = 1;

    public Results {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("schema: expected \"" + SCHEMA + "\", got \"" + schema + "\"");
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("version: expected " + VERSION + ", got " + version);
        }
        Check.present("suite", suite);
        operators = Check.list("operators", operators);
        runs = Check.list("runs", runs);
        Map<String, OperatorEntry> byKey = new HashMap<>();
        for (int i = 0; i < operators.size(); i++) {
            OperatorEntry op = operators.get(i);
            if (byKey.put(op.operator() + "\u0000" + op.task(), op) != null) {
                throw new IllegalArgumentException("operators[" + i + "]: operator \"" + op.operator()
                        + "\" appears twice for task \"" + op.task() + "\"");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String where = "runs[" + i + "]";
            OperatorEntry op = byKey.get(run.operator() + "\u0000" + run.task());
            if (op == null) {
                throw new IllegalArgumentException(where + ".operator: \"" + run.operator()
                        + "\" has no operators entry for task \"" + run.task() + "\"");
            }
            if (!op.status().succeeded()) {
                throw new IllegalArgumentException(where + ": operator \"" + run.operator()
                        + "\" was refused for task \"" + run.task() + "\" and cannot have runs");
            }
            if (!suite.seeds().contains(run.seed())) {
                throw new IllegalArgumentException(where + ".seed: " + run.seed() + " is not one of the suite's seeds "
                        + suite.seeds());
            }
            if (!seen.add(run.operator() + "\u0000" + run.task() + "\u0000" + run.seed())) {
                throw new IllegalArgumentException(where + ": a second run of \"" + run.operator() + "\" on \""
                        + run.task() + "\" with seed " + run.seed());
            }
        }
    }

    /** Results of the current schema version. */
    public static Results of(Suite suite, List<OperatorEntry> operators, List<Run> runs) {
        return new Results(SCHEMA, VERSION, suite, operators, runs);
    }
}
