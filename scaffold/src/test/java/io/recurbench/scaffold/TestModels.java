package io.recurbench.scaffold;

import io.recurbench.api.task.Task;
import java.util.Map;

/** Small configs and models shared by the tests. */
final class TestModels {
    private TestModels() {}

    /** A tiny transformer config: D = 8, 2 heads, H = 2, L = 1, one puzzle token. */
    static TrmConfig tiny(int batch, int haltMax) {
        return TrmPresets.get("cpu-tiny").withOperator("transformer", Map.of("mlp_intermediate", 16))
                .withBatch(batch, 7).withDepth(2, 1, haltMax)
                .withOptimizer(TrmConfig.OptimizerKind.ADAM_ATAN2, 1e-2, 0.1, 2);
    }

    static TrmConfig withHidden(TrmConfig c, int hidden, int heads) {
        return TrmConfigOverrides.apply(c, Map.of("hidden", Integer.toString(hidden), "heads", Integer.toString(heads)));
    }

    static TrmModel model(TrmConfig c, Task task) {
        return new TrmModel(c, Operators.create(c, task.sequenceLength()), task.vocabularySize(), task.sequenceLength(),
                c.batchSize());
    }
}
