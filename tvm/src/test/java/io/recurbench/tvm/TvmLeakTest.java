package io.recurbench.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.engine.backend.HostTensor;
import io.recurbench.engine.ir.Graph;
import io.recurbench.engine.trace.Tracer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 10,000 runs must leave native memory flat: every owned result (output tuple, its tensors) is
 * released, so the binding's live-object count and the bytes in use by malloc (glibc
 * {@code mallinfo2}: where TVM's CPU tensors and pools live) stay where they were after a warm-up
 * (which fills TVM's pooled allocator and the JIT). RSS is printed but not asserted: it also moves
 * with the Java heap, which G1 grows by 70–150 MB here under the test's allocation rate.
 */
class TvmLeakTest {

    @Test
    void tenThousandRunsKeepNativeMemoryFlat() throws IOException {
        Tracer t = new Tracer();
        Tensor x = t.input("x", Shape.of(64, 128), DType.F32);
        t.output("y", x.tanh().mul(2f));
        t.output("s", x.sum(false, 1));
        Graph g = t.build();
        float[] data = new float[64 * 128];
        java.util.Arrays.fill(data, 0.5f);
        Map<String, HostTensor> feeds = Map.of("x", HostTensor.of(Shape.of(64, 128), data));
        try (TvmExecutable exe = Fixtures.llvm().compile(g)) {
            for (int i = 0; i < 1_000; i++) {
                exe.run(feeds);
            }
            System.gc();
            long liveBefore = Fixtures.llvm().ffi().liveObjects();
            long mallocBefore = mallocInUse();
            long rssBefore = rssKb();
            float check = 0;
            for (int i = 0; i < 10_000; i++) {
                check += exe.run(feeds).get("s").f32()[0];
            }
            long liveAfter = Fixtures.llvm().ffi().liveObjects();
            long mallocGrowth = mallocInUse() - mallocBefore;
            long rssGrowthKb = rssKb() - rssBefore;
            System.out.printf("leak test: 10k runs, malloc in use %+d KB, RSS %+d KB, live objects %d -> %d%n",
                    mallocGrowth / 1024, rssGrowthKb, liveBefore, liveAfter);
            assertThat(check).isEqualTo(10_000 * 64f);
            assertThat(liveAfter).as("unreleased TVM objects").isEqualTo(liveBefore);
            // Each run allocates ~33 KB of device results; leaking them would add ~330 MB.
            assertThat(mallocGrowth).as("malloc bytes in use, growth over 10k runs").isLessThan(8L << 20);
        }
    }

    /** glibc's bytes in use: {@code uordblks + hblkhd} of {@code mallinfo2()}. */
    private static long mallocInUse() {
        Linker linker = Linker.nativeLinker();
        MethodHandle mallinfo2 = linker.downcallHandle(linker.defaultLookup().find("mallinfo2").orElseThrow(),
                FunctionDescriptor.of(MemoryLayout.structLayout(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(i -> ValueLayout.JAVA_LONG.withName("field" + i)).toArray(MemoryLayout[]::new))));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) mallinfo2.invokeExact((SegmentAllocator) arena);
            return info.getAtIndex(ValueLayout.JAVA_LONG, 7) + info.getAtIndex(ValueLayout.JAVA_LONG, 4);
        } catch (Throwable e) {
            throw new AssertionError("mallinfo2 failed", e);
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
