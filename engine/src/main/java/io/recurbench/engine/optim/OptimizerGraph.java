package io.recurbench.engine.optim;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.autodiff.Emitter;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Op;
import io.recurbench.engine.trace.GraphBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends an {@link Optimizer}'s update of a set of parameters to a graph, with the naming contract
 * the training loop relies on:
 * <ul>
 *   <li>inputs {@value #LR_INPUT} (F32 scalar) and {@value #STEP_INPUT} (I32 scalar, the 1-based
 *       index of this update) — runtime values, so a warm-up schedule costs no recompile;
 *   <li>one input {@code opt/<slot>/<param>} per state slot and parameter, shaped like the parameter;
 *   <li>outputs {@code new/<param>} and {@code new/opt/<slot>/<param>}: feed them back as the next
 *       step's parameters and state.
 * </ul>
 */
public final class OptimizerGraph {
    public static final String LR_INPUT = "opt/lr";
    public static final String STEP_INPUT = "opt/step";
    public static final String NEW_PREFIX = "new/";

    private OptimizerGraph() {}

    /** The input name of a state tensor: {@code opt/<slot>/<param>}. */
    public static String stateName(String slot, String parameter) {
        return "opt/" + slot + "/" + parameter;
    }

    /** The output name of the next value of a parameter or state input: {@code new/<name>}. */
    public static String newName(String name) {
        return NEW_PREFIX + name;
    }

    /**
     * Appends the update of every parameter in {@code params} (name → current value node) given
     * {@code grads} (name → gradient node) and returns the output name → node id of the new
     * parameters and state, in parameter order. Outputs are not registered on {@code b}.
     */
    public static Map<String, Integer> append(GraphBuilder b, Optimizer optimizer, Map<String, Integer> params,
            Map<String, Integer> grads) {
        Emitter e = new Emitter(b);
        int lr = scalarInput(b, LR_INPUT, DType.F32);
        int step = scalarInput(b, STEP_INPUT, DType.I32);
        int count = b.add(new Op.Cast(), Shape.scalar(), DType.F32, step);
        Optimizer.StepScalars scalars = new Optimizer.StepScalars(lr, count);
        Map<String, Integer> outputs = new LinkedHashMap<>();
        params.forEach((name, param) -> {
            Integer grad = grads.get(name);
            if (grad == null) {
                throw new IllegalArgumentException("no gradient for parameter '" + name + "'");
            }
            Shape shape = b.node(param).shape();
            List<Integer> state = new ArrayList<>();
            for (String slot : optimizer.stateSlots()) {
                state.add(b.input(stateName(slot, name), shape, DType.F32));
            }
            Optimizer.ParameterUpdate u = optimizer.update(e, param, grad, state, scalars);
            outputs.put(newName(name), u.parameter());
            for (int k = 0; k < state.size(); k++) {
                outputs.put(newName(stateName(optimizer.stateSlots().get(k), name)), u.state().get(k));
            }
        });
        return outputs;
    }

    /**
     * The scalar input {@code name}, declared unless an earlier {@link #append} on the same graph
     * did: two updates (say, with and without weight decay) then share one schedule.
     */
    private static int scalarInput(GraphBuilder b, String name, DType dtype) {
        for (int id = 0; id < b.size(); id++) {
            if (b.node(id).op() instanceof Op.Input in && in.name().equals(name)) {
                if (b.node(id).dtype() != dtype || b.node(id).shape().rank() != 0) {
                    throw new IllegalArgumentException("input '" + name + "' exists as " + b.node(id).dtype()
                            + b.node(id).shape() + "; the optimizer needs a " + dtype + " scalar");
                }
                return id;
            }
        }
        return b.input(name, Shape.scalar(), dtype);
    }

    /** The zero state of {@code optimizer} for parameters of the given shapes, keyed by input name. */
    public static Map<String, HostTensor> initialState(Optimizer optimizer, Map<String, Shape> parameterShapes) {
        Map<String, HostTensor> state = new LinkedHashMap<>();
        parameterShapes.forEach((name, shape) -> {
            for (String slot : optimizer.stateSlots()) {
                state.put(stateName(slot, name), HostTensor.zeros(shape, DType.F32));
            }
        });
        return state;
    }
}
