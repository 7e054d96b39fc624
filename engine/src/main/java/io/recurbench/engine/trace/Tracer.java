package io.recurbench.engine.trace;

import io.recurbench.api.DType;
import io.recurbench.api.Initializer;
import io.recurbench.api.Ops;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.ParameterSpec;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.ir.Op;
import java.util.Objects;

/**
 * Records {@link Tensor} calls into an IR {@link Graph}: the engine's implementation of the api's
 * {@link Ops} factory and of the root {@link ParameterScope}.
 *
 * <pre>{@code
 * Tracer t = new Tracer();
 * Tensor x = t.input("x", Shape.of(2, 3), DType.F32);
 * Tensor w = t.parameter("w", Shape.of(3, 4), Initializer.truncatedNormal(0.02));
 * t.output("y", x.matmul(w).tanh());
 * Graph g = t.build();
 * }</pre>
 *
 * <p>Every call appends a node through a {@link GraphBuilder}, so shape errors surface at the
 * operator author's line. {@link #id} and {@link #tensor} convert between facade tensors and node
 * ids, for code (autodiff, optimizers) that mixes both views of one graph.
 */
public final class Tracer implements Ops, ParameterScope {

    private final GraphBuilder builder;

    /** A tracer recording a new graph. */
    public Tracer() {
        this(new GraphBuilder());
    }

    /** A tracer appending to {@code builder} (e.g. one made by {@link GraphBuilder#from}). */
    public Tracer(GraphBuilder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** The builder this tracer appends to. */
    public GraphBuilder builder() {
        return builder;
    }

    /** Declares a value fed at run time. */
    public Tensor input(String name, Shape shape, DType dtype) {
        return tensor(builder.input(name, shape, dtype));
    }

    /** Marks {@code value} as the graph output {@code name}. */
    public void output(String name, Tensor value) {
        builder.output(name, id(value));
    }

    /** The graph traced so far. */
    public Graph build() {
        return builder.build();
    }

    /** The node id of a tensor of this tracer. */
    public int id(Tensor t) {
        if (t instanceof TracedTensor tt && tt.tracer() == this) {
            return tt.id();
        }
        throw new IllegalArgumentException("tensor " + t + " does not belong to this tracer; at " + CallSite.find());
    }

    /** The facade tensor of node {@code id}. */
    public Tensor tensor(int id) {
        if (id < 0 || id >= builder.size()) {
            throw new IllegalArgumentException("node id " + id + " is not in this graph (size " + builder.size() + ")");
        }
        return new TracedTensor(this, id);
    }

    // ---- ParameterScope ------------------------------------------------------------------------

    @Override
    public Tensor parameter(String name, Shape shape, Initializer initializer) {
        return declare(name, shape, initializer);
    }

    @Override
    public ParameterScope child(String name) {
        return new Scope(this, checkName(name) + ".");
    }

    @Override
    public Ops ops() {
        return this;
    }

    private Tensor declare(String fullName, Shape shape, Initializer initializer) {
        return tensor(builder.parameter(new ParameterSpec(fullName, shape, initializer)));
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("parameter scope names must be non-empty and not start or end with '.': '"
                    + name + "'");
        }
        return name;
    }

    /** A nested scope: names are prefixed with the dotted path of its parents. */
    private record Scope(Tracer tracer, String prefix) implements ParameterScope {
        @Override
        public Tensor parameter(String name, Shape shape, Initializer initializer) {
            return tracer.declare(prefix + checkName(name), shape, initializer);
        }

        @Override
        public ParameterScope child(String name) {
            return new Scope(tracer, prefix + checkName(name) + ".");
        }

        @Override
        public Ops ops() {
            return tracer;
        }
    }

    // ---- Ops -----------------------------------------------------------------------------------

    @Override
    public Tensor scalar(float value) {
        return full(Shape.scalar(), value);
    }

    @Override
    public Tensor scalarInt(int value) {
        return tensor(builder.add(new Op.Fill(value), Shape.scalar(), DType.I32));
    }

    @Override
    public Tensor constant(Shape shape, float... data) {
        return tensor(builder.add(new Op.ConstantF32(data.clone()), shape, DType.F32));
    }

    @Override
    public Tensor constantInt(Shape shape, int... data) {
        return tensor(builder.add(new Op.ConstantI32(data.clone()), shape, DType.I32));
    }

    @Override
    public Tensor full(Shape shape, float value) {
        return tensor(builder.add(new Op.Fill(value), shape, DType.F32));
    }

    /** A tensor of {@code dtype} with every element {@code value} (for I32, {@code value} must be an integer). */
    public Tensor full(Shape shape, double value, DType dtype) {
        if (dtype == DType.I32 && value != Math.rint(value)) {
            throw new IllegalArgumentException("I32 fill value must be an integer, got " + value + "; at " + CallSite.find());
        }
        return tensor(builder.add(new Op.Fill(value), shape, dtype));
    }

    @Override
    public Tensor iota(Shape shape, int axis, DType dtype) {
        int a = normalizedAxis(axis, shape);
        return tensor(builder.add(new Op.Iota(a), shape, dtype));
    }

    @Override
    public Tensor where(Tensor cond, Tensor ifTrue, Tensor ifFalse) {
        return tensor(builder.add(new Op.Where(), id(cond), id(ifTrue), id(ifFalse)));
    }

    @Override
    public Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor; at " + CallSite.find());
        }
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = id(parts[i]);
        }
        int a = normalizedAxis(axis, parts[0].shape());
        return tensor(builder.add(new Op.Concat(a), ids));
    }

    /** Normalises a possibly negative axis, failing with the shape and call site. */
    static int normalizedAxis(int axis, Shape shape) {
        int a = axis < 0 ? axis + shape.rank() : axis;
        if (a < 0 || a >= shape.rank()) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + shape + "; at " + CallSite.find());
        }
        return a;
    }
}
