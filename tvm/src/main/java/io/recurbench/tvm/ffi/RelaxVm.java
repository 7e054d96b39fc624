package io.recurbench.tvm.ffi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Relax program on a device: the exported library ({@code ffi.ModuleLoadFromFile}),
 * its VM ({@code vm_load_executable}), initialised for the device and the host CPU with pooled
 * allocators ({@code vm_initialization}), and its {@code main} function — the steps of TVM's
 * Python {@code relax.VirtualMachine}, done from Java.
 */
public final class RelaxVm implements AutoCloseable {
    /** {@code VirtualMachine.POOLED_ALLOCATOR} in TVM's runtime/vm.py. */
    public static final int POOLED_ALLOCATOR = 2;

    private final TvmObject library;
    private final TvmObject vm;
    private final TvmFunction main;
    private final Device device;

    private RelaxVm(TvmObject library, TvmObject vm, TvmFunction main, Device device) {
        this.library = library;
        this.vm = vm;
        this.main = main;
        this.device = device;
    }

    public static RelaxVm load(TvmFfi ffi, Path library, Device device) {
        // The library (and, for CUDA, the runtime's CUDA module) is dlopened inside TVM: keep the JVM's
        // fault handlers across that too (see SignalGuard).
        TvmObject lib = SignalGuard.preserving(() ->
                (TvmObject) ffi.global("ffi.ModuleLoadFromFile").call(library.toAbsolutePath().toString()));
        TvmObject vm = null;
        try {
            try (TvmFunction loadExecutable = function(ffi, lib, "vm_load_executable")) {
                vm = (TvmObject) loadExecutable.call();
            }
            List<Object> init = new ArrayList<>(List.of(device.type(), device.id(), POOLED_ALLOCATOR));
            if (!device.isCpu()) {
                // The VM runs shape computations on the host: the CPU comes last, as in relax.VirtualMachine.
                init.addAll(List.of(Device.KDL_CPU, 0, POOLED_ALLOCATOR));
            }
            try (TvmFunction initialize = function(ffi, vm, "vm_initialization")) {
                initialize.call(init.toArray());
            }
            return new RelaxVm(lib, vm, function(ffi, vm, "main"), device);
        } catch (RuntimeException e) {
            if (vm != null) {
                vm.close();
            }
            lib.close();
            throw e;
        }
    }

    private static TvmFunction function(TvmFfi ffi, TvmObject module, String name) {
        Object f = ffi.global("ffi.ModuleGetFunction").call(module, name, false);
        if (!(f instanceof TvmFunction fn)) {
            throw new TvmException("NameError", "the compiled module has no function '" + name + "'");
        }
        return fn;
    }

    public Device device() {
        return device;
    }

    /** {@code main(args...)}: the tuple of results (close it, and every element taken from it). */
    public TvmArray main(Object... args) {
        Object r = main.call(args);
        if (r instanceof TvmArray a) {
            return a;
        }
        if (r instanceof TvmObject o) {
            o.close();
        }
        throw new TvmException("TypeError", "main returned " + r + ", expected a tuple (ffi.Array)");
    }

    @Override
    public void close() {
        main.close();
        vm.close();
        library.close();
    }
}
