package io.recurbench.tvm;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.engine.backend.Executable;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.tvm.ffi.DataType;
import io.recurbench.tvm.ffi.RelaxVm;
import io.recurbench.tvm.ffi.TvmArray;
import io.recurbench.tvm.ffi.TvmException;
import io.recurbench.tvm.ffi.TvmFfi;
import io.recurbench.tvm.ffi.TvmTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph compiled by TVM and loaded in this process. Each input has a device buffer allocated
 * once and refilled per run. Parameters can be fed per run like inputs, or made resident on the
 * device ({@link #setParameter}); {@link #step} additionally keeps chosen outputs on the device as
 * the next run's parameters (a train step's new weights and optimizer state), so that only the
 * batch goes in and only losses and metrics come out.
 */
public final class TvmExecutable implements Executable {
    private final Graph graph;
    private final BridgeCompiler.Compiled compiled;
    private final RelaxVm vm;
    private final TvmFfi ffi;
    private final Map<String, TvmTensor> inputBuffers = new HashMap<>();
    private final Map<String, TvmTensor> resident = new HashMap<>();
    private final Map<String, BridgeCompiler.Slot> parameterSlots = new LinkedHashMap<>();
    private boolean closed;

    TvmExecutable(Graph graph, BridgeCompiler.Compiled compiled, RelaxVm vm, TvmFfi ffi) {
        this.graph = graph;
        this.compiled = compiled;
        this.vm = vm;
        this.ffi = ffi;
        compiled.signature().parameters().forEach(s -> parameterSlots.put(s.name(), s));
        List<String> outs = compiled.signature().outputs().stream().map(BridgeCompiler.Slot::name).toList();
        if (!outs.equals(List.copyOf(graph.outputs().keySet()))) {
            vm.close();
            throw new TvmException("CompileError", "compiled library returns " + outs + ", graph has outputs "
                    + graph.outputs().keySet());
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    /** Seconds the bridge spent (a cache hit costs only the check). */
    public double compileSeconds() {
        return compiled.seconds();
    }

    public boolean compileCacheHit() {
        return compiled.cacheHit();
    }

    /** Uploads a parameter once; later runs use it when the feeds do not name it. */
    public void setParameter(String name, HostTensor value) {
        BridgeCompiler.Slot slot = parameterSlots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("graph has no parameter '" + name + "'; parameters: " + parameterSlots.keySet());
        }
        checkFeed(slot, value, "parameter");
        TvmTensor t = alloc(slot);
        upload(t, value);
        TvmTensor old = resident.put(name, t);
        if (old != null) {
            old.close();
        }
    }

    /** The resident value of a parameter, copied to the host. */
    public HostTensor parameter(String name) {
        TvmTensor t = resident.get(name);
        if (t == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not resident");
        }
        return download(t, parameterSlots.get(name));
    }

    @Override
    public Map<String, HostTensor> run(Map<String, HostTensor> feeds) {
        return step(feeds, Map.of());
    }

    /**
     * Runs once; each {@code outputToParameter} entry keeps that output on the device as the
     * resident value of the parameter (not copied to the host, not returned). Feeds may override
     * resident parameters.
     */
    public Map<String, HostTensor> step(Map<String, HostTensor> feeds, Map<String, String> outputToParameter) {
        if (closed) {
            throw new IllegalStateException("executable is closed");
        }
        BridgeCompiler.Signature sig = compiled.signature();
        Object[] args = new Object[sig.inputs().size() + sig.parameters().size()];
        List<TvmTensor> perRun = new ArrayList<>();
        try {
            int k = 0;
            for (BridgeCompiler.Slot s : sig.inputs()) {
                HostTensor feed = feeds.get(s.name());
                if (feed == null) {
                    throw new IllegalArgumentException("missing feed for input '" + s.name() + "' (expected "
                            + s.dtype() + s.shape() + ")");
                }
                checkFeed(s, feed, "input");
                TvmTensor buf = inputBuffers.computeIfAbsent(s.name(), n -> alloc(s));
                upload(buf, feed);
                args[k++] = buf;
            }
            for (BridgeCompiler.Slot s : sig.parameters()) {
                HostTensor feed = feeds.get(s.name());
                if (feed != null) {
                    checkFeed(s, feed, "parameter");
                    TvmTensor t = alloc(s);
                    perRun.add(t);
                    upload(t, feed);
                    args[k++] = t;
                } else if (resident.containsKey(s.name())) {
                    args[k++] = resident.get(s.name());
                } else {
                    throw new IllegalArgumentException("missing feed for parameter '" + s.name() + "' (expected "
                            + s.dtype() + s.shape() + ") and it is not resident");
                }
            }
            Set<String> known = new java.util.HashSet<>(graph.outputs().keySet());
            for (Map.Entry<String, String> e : outputToParameter.entrySet()) {
                if (!known.contains(e.getKey()) || !parameterSlots.containsKey(e.getValue())) {
                    throw new IllegalArgumentException("cannot keep output '" + e.getKey() + "' as parameter '"
                            + e.getValue() + "': outputs " + known + ", parameters " + parameterSlots.keySet());
                }
            }
            Map<String, HostTensor> out = new LinkedHashMap<>();
            try (TvmArray results = vm.main(args)) {
                List<BridgeCompiler.Slot> outs = sig.outputs();
                for (int i = 0; i < outs.size(); i++) {
                    BridgeCompiler.Slot s = outs.get(i);
                    TvmTensor t = (TvmTensor) results.get(i);
                    String keepAs = outputToParameter.get(s.name());
                    if (keepAs != null) {
                        TvmTensor old = resident.put(keepAs, t);
                        if (old != null) {
                            old.close();
                        }
                    } else {
                        try (t) {
                            out.put(s.name(), download(t, s));
                        }
                    }
                }
            }
            return out;
        } finally {
            perRun.forEach(TvmTensor::close);
        }
    }

    private static void checkFeed(BridgeCompiler.Slot s, HostTensor feed, String what) {
        if (!feed.shape().equals(s.shape()) || feed.dtype() != s.dtype()) {
            throw new IllegalArgumentException(what + " '" + s.name() + "': expected " + s.dtype() + s.shape()
                    + ", got " + feed.dtype() + feed.shape());
        }
    }

    private TvmTensor alloc(BridgeCompiler.Slot s) {
        long[] dims = new long[s.shape().rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.shape().dim(i);
        }
        return ffi.allocTensor(dims, DataType.of(s.dtype()), vm.device());
    }

    private static void upload(TvmTensor t, HostTensor h) {
        if (h.dtype() == DType.F32) {
            t.copyFrom(h.f32());
        } else {
            t.copyFrom(h.i32());
        }
    }

    private static HostTensor download(TvmTensor t, BridgeCompiler.Slot s) {
        Shape shape = s.shape();
        return s.dtype() == DType.F32 ? HostTensor.of(shape, t.toFloats()) : HostTensor.ofInts(shape, t.toInts());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        inputBuffers.values().forEach(TvmTensor::close);
        resident.values().forEach(TvmTensor::close);
        inputBuffers.clear();
        resident.clear();
        vm.close();
    }
}
