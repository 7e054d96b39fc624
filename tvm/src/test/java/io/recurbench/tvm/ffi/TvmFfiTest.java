package io.recurbench.tvm.ffi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class TvmFfiTest {
    private final TvmFfi ffi = TestEnv.ffi();

    @Test
    void reportsTheAbiVersionItWasVerifiedAgainst() {
        assertThat(ffi.versionString()).startsWith(Abi.VERSION_MAJOR + "." + Abi.VERSION_MINOR + ".");
    }

    @Test
    void missingGlobalIsNullOrANamedError() {
        assertThat(ffi.findGlobal("recurbench.no_such_function")).isNull();
        assertThatThrownBy(() -> ffi.global("recurbench.no_such_function"))
                .isInstanceOf(TvmException.class)
                .hasMessageContaining("no global TVM function 'recurbench.no_such_function'");
    }

    @Test
    void tensorFieldsAndHostCopiesBothPaths() {
        float[] values = {1.5f, -2f, 3.25f, 0f, 1e-30f, Float.NaN};
        try (TvmTensor t = ffi.allocTensor(new long[] {2, 3}, DataType.FLOAT32, Device.cpu())) {
            assertThat(t.shape()).containsExactly(2, 3);
            assertThat(t.ndim()).isEqualTo(2);
            assertThat(t.dtype()).isEqualTo(DataType.FLOAT32);
            assertThat(t.device()).isEqualTo(Device.cpu());
            assertThat(t.isCompact()).isTrue();
            assertThat(t.byteSize()).isEqualTo(24);
            assertThat(t.typeIndex()).isEqualTo(Abi.K_TENSOR);
            t.copyFrom(values);
            assertThat(t.floatAt(2)).isEqualTo(3.25f);
            assertThat(t.toFloats()).containsExactly(values);
            // The device-independent path (what GPU tensors use) through runtime.TVMTensorCopy{From,To}Bytes.
            float[] other = {9, 8, 7, 6, 5, 4};
            t.copyFrom(MemorySegment.ofArray(other), false);
            assertThat(t.floatAt(0)).isEqualTo(9f);
            float[] back = new float[6];
            t.copyTo(MemorySegment.ofArray(back), false);
            assertThat(back).containsExactly(other);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment nativeBuf = arena.allocate(24, 64);
                t.copyTo(nativeBuf, false);
                assertThat(nativeBuf.getAtIndex(ValueLayout.JAVA_FLOAT, 5)).isEqualTo(4f);
            }
        }
        try (TvmTensor i = ffi.allocTensor(new long[] {4}, DataType.INT32, Device.cpu())) {
            i.copyFrom(new int[] {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE});
            assertThat(i.toInts()).containsExactly(1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE);
            assertThatThrownBy(() -> i.copyFrom(new float[4])).hasMessageContaining("[4] int32");
        }
    }

    @Test
    void arraysOfMixedValuesDecode() {
        String longText = "a string longer than seven bytes";
        try (TvmArray a = (TvmArray) ffi.global("ffi.Array").call(42L, 2.5, true, "tiny", longText, Device.cuda(3),
                DataType.INT32, null)) {
            assertThat(a.size()).isEqualTo(8);
            assertThat(a.get(0)).isEqualTo(42L);
            assertThat(a.get(1)).isEqualTo(2.5);
            assertThat(a.get(2)).isEqualTo(true);
            assertThat(a.get(3)).isEqualTo("tiny");
            assertThat(a.get(4)).isEqualTo(longText);
            assertThat(a.get(5)).isEqualTo(Device.cuda(3));
            assertThat(a.get(6)).isEqualTo(DataType.INT32);
            assertThat(a.get(7)).isNull();
        }
    }

    @Test
    void tvmErrorsBecomeJavaExceptionsWithTvmsMessage() {
        try (TvmArray a = (TvmArray) ffi.global("ffi.Array").call(1L, 2L)) {
            assertThatThrownBy(() -> a.get(5))
                    .isInstanceOf(TvmException.class)
                    .satisfies(e -> assertThat(((TvmException) e).kind()).isNotBlank())
                    .hasMessageContaining("5");
        }
        assertThatThrownBy(() -> ffi.global("ffi.ArraySize").call("not an array"))
                .isInstanceOf(TvmException.class)
                .hasMessageContaining("ffi.ArraySize");
    }

    @Test
    void objectsAreReleasedExactlyOnce() {
        long before = ffi.liveObjects();
        TvmTensor t = ffi.allocTensor(new long[] {8}, DataType.FLOAT32, Device.cpu());
        TvmObject second = t.retain();
        assertThat(ffi.liveObjects()).isEqualTo(before + 2);
        t.close();
        t.close();
        assertThat(t.isReleased()).isTrue();
        assertThatThrownBy(t::address).isInstanceOf(IllegalStateException.class);
        assertThat(second.typeIndex()).isEqualTo(Abi.K_TENSOR); // still alive through the other reference
        second.close();
        assertThat(ffi.liveObjects()).isEqualTo(before);
    }
}
