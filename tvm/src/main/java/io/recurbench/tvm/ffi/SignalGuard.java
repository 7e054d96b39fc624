package io.recurbench.tvm.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/**
 * Keeps the JVM's handlers for the synchronous signals across a {@code dlopen}.
 *
 * <p>Why: {@code libtvm_ffi.so} has an ELF constructor ({@code TVMFFIInstallSignalHandler},
 * {@code src/ffi/backtrace.cc}) that replaces the {@code SIGSEGV} handler with one that prints a
 * backtrace and aborts. The JVM uses {@code SIGSEGV} on purpose (safepoint polls, implicit null
 * checks, stack banging), so after a plain load the first safepoint in JIT-compiled code kills the
 * process ("!!!!!!! Segfault encountered !!!!!!!"). The handlers are saved before the load and put
 * back after it.
 */
final class SignalGuard {
    /** Linux signal numbers of the faults the JVM handles itself. */
    static final int[] SIGNALS = {4 /* SIGILL */, 7 /* SIGBUS */, 8 /* SIGFPE */, 11 /* SIGSEGV */};
    /** Larger than {@code struct sigaction} on any Linux ABI (152 bytes on x86-64 glibc). */
    private static final long SIGACTION_BYTES = 512;

    private static final MethodHandle SIGACTION;

    static {
        Linker linker = Linker.nativeLinker();
        SIGACTION = linker.downcallHandle(linker.defaultLookup().find("sigaction").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private SignalGuard() {}

    /** Runs {@code load} and restores the handlers of {@link #SIGNALS} as they were before it. */
    static <T> T preserving(Supplier<T> load) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] saved = new MemorySegment[SIGNALS.length];
            for (int i = 0; i < SIGNALS.length; i++) {
                saved[i] = arena.allocate(SIGACTION_BYTES, 16);
                call(SIGNALS[i], MemorySegment.NULL, saved[i]);
            }
            try {
                return load.get();
            } finally {
                for (int i = 0; i < SIGNALS.length; i++) {
                    call(SIGNALS[i], saved[i], MemorySegment.NULL);
                }
            }
        }
    }

    /** The address of the handler now installed for {@code signal} ({@code sa_handler}, the first field). */
    static long currentHandler(int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment now = arena.allocate(SIGACTION_BYTES, 16);
            call(signal, MemorySegment.NULL, now);
            return now.get(JAVA_LONG, 0);
        }
    }

    private static void call(int signal, MemorySegment act, MemorySegment old) {
        try {
            int rc = (int) SIGACTION.invokeExact(signal, act, old);
            if (rc != 0) {
                throw new TvmException("SetupError", "sigaction(" + signal + ") failed");
            }
        } catch (Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw new TvmException("SetupError", "sigaction(" + signal + ") failed: " + t);
        }
    }
}
