package io.recurbench.scaffold;

import io.recurbench.engine.autodiff.Autodiff;
import io.recurbench.engine.autodiff.Emitter;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Node;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.optim.AdamATan2;
import io.recurbench.engine.optim.AdamW;
import io.recurbench.engine.optim.Optimizer;
import io.recurbench.engine.optim.OptimizerGraph;
import io.recurbench.engine.train.TrainStep;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The train-step graph of a {@link TrmModel}: forward of one supervision step, backward through
 * the last latent cycle, optimizer update of every trained parameter — one graph, compiled once.
 * It is {@link TrainStep#compose}'s layout plus one extra gradient: that of the gathered
 * puzzle-embedding rows ({@link TrmNames#PUZZLE_ROWS_GRAD}), which the Java loop applies by
 * sign-SGD to the rows in the batch only, as TRM's {@code CastedSparseEmbeddingSignSGD_Distributed}
 * ({@code models/sparse_embedding.py}) does.
 *
 * <p>Inputs: the forward inputs, every parameter by name, {@code opt/lr}, {@code opt/step},
 * {@code opt/<slot>/<param>}. Outputs: the forward outputs, {@link TrainStep#GRAD_NORM_OUTPUT},
 * the puzzle-row gradient (if the model has puzzle tokens), {@code new/<param>}, {@code new/opt/<slot>/<param>}.
 */
public final class TrmTrainGraph {
    private TrmTrainGraph() {}

    /** The optimizer a config asks for. */
    public static Optimizer optimizer(TrmConfig config) {
        return switch (config.optimizer()) {
            case ADAM_ATAN2 -> new AdamATan2(config.beta1(), config.beta2(), config.weightDecay());
            case ADAMW -> new AdamW(config.beta1(), config.beta2(), 1e-8, config.weightDecay());
        };
    }

    /** Builds the train step of {@code model} with {@code optimizer}. */
    public static Graph compose(TrmModel model, Optimizer optimizer) {
        Graph forward = model.trainForward();
        Map<String, Integer> params = new LinkedHashMap<>();
        Integer puzzleRows = null;
        for (Node node : forward.nodes()) {
            if (node.op() instanceof Op.Parameter p && TrmModel.trainable(p.name())) {
                params.put(p.name(), node.id());
            } else if (node.op() instanceof Op.Input in && in.name().equals(TrmNames.PUZZLE_ROWS)) {
                puzzleRows = node.id();
            }
        }
        Map<String, Integer> wrt = new LinkedHashMap<>(params);
        if (puzzleRows != null) {
            wrt.put(TrmNames.PUZZLE_ROWS, puzzleRows);
        }
        GraphBuilder b = GraphBuilder.from(forward);
        Map<String, Integer> grads = Autodiff.appendGradients(b, forward.outputs().get(TrmNames.LOSS), wrt);

        Map<String, Integer> outputs = new LinkedHashMap<>(forward.outputs());
        List<Integer> paramGrads = new ArrayList<>();
        params.keySet().forEach(name -> paramGrads.add(grads.get(name)));
        outputs.put(TrainStep.GRAD_NORM_OUTPUT, globalNorm(new Emitter(b), paramGrads));
        if (puzzleRows != null) {
            outputs.put(TrmNames.PUZZLE_ROWS_GRAD, grads.get(TrmNames.PUZZLE_ROWS));
        }
        outputs.putAll(OptimizerGraph.append(b, optimizer, params, grads));
        Graph built = b.build();
        return new Graph(built.nodes(), built.parameters(), outputs);
    }

    private static int globalNorm(Emitter e, List<Integer> grads) {
        int total = e.scalar(0);
        for (int g : grads) {
            total = e.add(total, e.sumAll(e.mul(g, g)));
        }
        return e.unary(Op.UnaryKind.SQRT, total);
    }
}
