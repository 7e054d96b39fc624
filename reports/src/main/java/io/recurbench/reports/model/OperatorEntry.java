package io.recurbench.reports.model;

/**
 * One operator as configured for one task: the plugin it came from and its parameter parity.
 * Parameter counts depend on the task (vocabulary, sequence length, puzzle embeddings), hence one
 * entry per operator × task.
 *
 * @param operator       the operator's configured name (e.g. {@code transformer})
 * @param task           the task id (e.g. {@code sudoku-4x4})
 * @param plugin         the plugin that provides the operator (jar or built-in module name)
 * @param pluginVersion  the plugin's declared version
 * @param parameterCount exact count of trainable parameters incl. embeddings and heads;
 *                       {@code null} only for a refused operator whose count is unknown
 * @param budget         the parameter budget of the comparison (> 0)
 * @param budgetDelta    {@code (parameterCount − budget) / budget}; {@code null} iff the count is
 * @param status         {@code ok}, or {@code refused} with the reason (never {@code failed})
 */
public record OperatorEntry(String operator, String task, String plugin, String pluginVersion,
                            Long parameterCount, long budget, Double budgetDelta, Status status) {

    public OperatorEntry {
        Check.text("operator", operator);
        Check.text("task", task);
        Check.text("plugin", plugin);
        Check.text("pluginVersion", pluginVersion);
        Check.positive("budget", budget);
        Check.present("status", status);
        if (status.state() == Status.State.FAILED) {
            throw new IllegalArgumentException("status: an operator is ok or refused; failures belong to runs");
        }
        if ((parameterCount == null) != (budgetDelta == null)) {
            throw new IllegalArgumentException("budgetDelta: must be null exactly when parameterCount is null");
        }
        if (parameterCount == null && status.succeeded()) {
            throw new IllegalArgumentException("parameterCount: required for an operator that is ok");
        }
        if (parameterCount != null) {
            Check.positive("parameterCount", parameterCount);
            double expected = (double) (parameterCount - budget) / budget;
            if (Math.abs(Check.finite("budgetDelta", budgetDelta) - expected) > 1e-9) {
                throw new IllegalArgumentException("budgetDelta: " + budgetDelta + " disagrees with ("
                        + parameterCount + " - " + budget + ") / " + budget + " = " + expected);
            }
        }
    }

    /** Builds an entry whose delta is computed from the count, as a producer should. */
    public static OperatorEntry measured(String operator, String task, String plugin, String pluginVersion,
                                         long parameterCount, long budget, Status status) {
        return new OperatorEntry(operator, task, plugin, pluginVersion, parameterCount, budget,
                (double) (parameterCount - budget) / budget, status);
    }
}
