package io.recurbench.api.task;

import java.util.Map;

/**
 * Service-provider entry point of a task, registered in
 * {@code META-INF/services/io.recurbench.api.task.TaskFactory}. Needs a public no-argument constructor.
 */
public interface TaskFactory {

    /** The name configs use to pick this task, e.g. {@code sudoku}. */
    String name();

    /** One line for {@code recurbench list tasks}. */
    String description();

    /** The options {@link #create} understands, name to one-line help (with the default). */
    Map<String, String> options();

    /**
     * Builds the task. Unknown option names or bad values fail with an {@link IllegalArgumentException}
     * naming the option and what was expected; missing options take their documented defaults.
     */
    Task create(Map<String, String> options);
}
