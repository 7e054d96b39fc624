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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled by TVM and loaded in this process. Each fed argument has a device buffer
 * allocated once and refilled per run. Arguments (parameters, optimizer state) can also be made
 * resident on the device ({@link #setResident}); {@link #step} additionally keeps chosen outputs on
 * the device as the next run's arguments (a train step's new weights and optimizer state), so that only the
 * batch goes in and only losses and metrics come out.
 */
public final class TvmExecutable implements Executable {
    private final Graph graph;
    private final BridgeCompiler.Compiled compiled;
    private final RelaxVm vm;
    private final TvmFfi ffi;
    private final Map<String, TvmTensor> inputBuffers = new HashMap<>();
    private final Map<String, TvmTensor> resident = new HashMap<>();
    /** Every argument of main (inputs, then parameters) by name. */
    private final Map<String, BridgeCompiler.Slot> argumentSlots = new LinkedHashMap<>();
    private boolean closed;

    TvmExecutable(Graph graph, BridgeCompiler.Compiled compiled, RelaxVm vm, TvmFfi ffi) {
        this.graph = graph;
        this.compiled = compiled;
        this.vm = vm;
        this.ffi = ffi;
        compiled.signature().inputs().forEach(s -> argumentSlots.put(s.name(), s));
        compiled.signature().parameters().forEach(s -> argumentSlots.put(s.name(), s));
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

    /**
     * Uploads a parameter (or any other argument, such as optimizer state) once; later runs use it
     * when the feeds do not name it.
     */
    public void setResident(String name, HostTensor value) {
        BridgeCompiler.Slot slot = argumentSlots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("graph has no input or parameter '" + name + "'; arguments: "
                    + argumentSlots.keySet());
        }
        checkFeed(slot, value, "argument");
        TvmTensor t = alloc(slot);
        upload(t, value);
        TvmTensor old = resident.put(name, t);
        if (old != null) {
            old.close();
        }
    }

    /** The resident value of an argument, copied to the host. */
    public HostTensor resident(String name) {
        TvmTensor t = resident.get(name);
        if (t == null) {
            throw new IllegalArgumentException("'" + name + "' is not resident; resident: " + resident.keySet());
        }
        return download(t, argumentSlots.get(name));
    }

    @Override
    public Map<String, HostTensor> run(Map<String, HostTensor> feeds) {
        return step(feeds, Map.of());
    }

    /**
     * Runs once; each {@code outputToArgument} entry keeps that output on the device as the resident
     * value of an argument for the next run (not copied to the host, not returned) — e.g.
     * {@code new/w → w}. Feeds override resident values.
     */
    public Map<String, HostTensor> step(Map<String, HostTensor> feeds, Map<String, String> outputToArgument) {
        if (closed) {
            throw new IllegalStateException("executable is closed");
        }
        Object[] args = arguments(feeds);
        checkKept(outputToArgument);
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (TvmArray results = vm.main(args)) {
            List<BridgeCompiler.Slot> outs = compiled.signature().outputs();
            for (int i = 0; i < outs.size(); i++) {
                BridgeCompiler.Slot s = outs.get(i);
                TvmTensor t = (TvmTensor) results.get(i);
                String keepAs = outputToArgument.get(s.name());
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
    }

    /** main's arguments in order: each fed one uploaded into its reusable buffer, else the resident value. */
    private Object[] arguments(Map<String, HostTensor> feeds) {
        Object[] args = new Object[argumentSlots.size()];
        int k = 0;
        for (BridgeCompiler.Slot s : argumentSlots.values()) {
            HostTensor feed = feeds.get(s.name());
            if (feed != null) {
                checkFeed(s, feed, "feed");
                TvmTensor buf = inputBuffers.computeIfAbsent(s.name(), n -> alloc(s));
                upload(buf, feed);
                args[k++] = buf;
            } else if (resident.containsKey(s.name())) {
                args[k++] = resident.get(s.name());
            } else {
                throw new IllegalArgumentException("missing feed for '" + s.name() + "' (expected "
                        + s.dtype() + s.shape() + ") and it is not resident");
            }
        }
        return args;
    }

    private void checkKept(Map<String, String> outputToArgument) {
        for (Map.Entry<String, String> e : outputToArgument.entrySet()) {
            BridgeCompiler.Slot out = compiled.signature().outputs().stream()
                    .filter(o -> o.name().equals(e.getKey())).findFirst().orElse(null);
            BridgeCompiler.Slot arg = argumentSlots.get(e.getValue());
            if (out == null || arg == null) {
                throw new IllegalArgumentException("cannot keep output '" + e.getKey() + "' as argument '"
                        + e.getValue() + "': outputs " + graph.outputs().keySet() + ", arguments " + argumentSlots.keySet());
            }
            if (!out.shape().equals(arg.shape()) || out.dtype() != arg.dtype()) {
                throw new IllegalArgumentException("cannot keep output '" + e.getKey() + "' (" + out.dtype()
                        + out.shape() + ") as '" + e.getValue() + "' (" + arg.dtype() + arg.shape() + ")");
            }
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
