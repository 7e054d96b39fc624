package io.recurbench.arc;

import java.util.List;
import java.util.Objects;

/**
 * One ARC task: demonstration pairs ({@code train} in the JSON) and test pairs whose outputs are the
 * answers to be predicted.
 *
 * @param id    the task id, e.g. {@code 007bbfb7} (the file name in the official layout)
 * @param train demonstration pairs, at least one
 * @param test  test pairs, at least one
 */
public record ArcPuzzle(String id, List<ArcPair> train, List<ArcPair> test) {
    public ArcPuzzle {
        Objects.requireNonNull(id, "id");
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("task " + id + " needs at least one train and one test pair");
        }
    }
}
