package io.recurbench.engine.cpu.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link F32Math} against {@code java.lang.Math} in double rounded to float (the oracle), over a
 * sweep of every 4099th float bit pattern (≈ 1 M inputs: every exponent, subnormals included)
 * plus the IEEE edge cases, and its vector forms against its scalar forms bit for bit.
 */
class F32MathTest {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Bit-pattern stride of the sweep: prime, so every exponent and many mantissas are visited. */
    private static final int STRIDE = 4099;

    /** Distance in units in the last place; 0 for two NaNs, huge for NaN vs a number. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int i = Float.floatToRawIntBits(f);
        return i < 0 ? -(long) (i & 0x7fffffff) : i;
    }

    private interface F1 { float apply(float x); }

    /** Max ulp error of {@code f} against {@code oracle} over the bit-pattern sweep within [lo, hi]. */
    private static long sweep(F1 f, DoubleUnaryOperator oracle, float lo, float hi) {
        long worst = 0;
        float worstAt = 0;
        for (long b = 0; b <= 0xffffffffL; b += STRIDE) {
            float x = Float.intBitsToFloat((int) b);
            if (!(x >= lo && x <= hi)) {
                continue;
            }
            long e = ulps(f.apply(x), (float) oracle.applyAsDouble(x));
            if (e > worst) {
                worst = e;
                worstAt = x;
            }
        }
        System.out.printf("max ulp %d at %s%n", worst, worstAt);
        return worst;
    }

    private static final float INF = Float.POSITIVE_INFINITY;

    @Test
    void expWithinTwoUlpAndEdges() {
        assertThat(sweep(F32Math::exp, Math::exp, -INF, INF)).isLessThanOrEqualTo(2);
        assertThat(F32Math.exp(0f)).isEqualTo(1f);
        assertThat(F32Math.exp(-0f)).isEqualTo(1f);
        assertThat(F32Math.exp(89f)).isEqualTo(INF);
        assertThat(F32Math.exp(88.7f)).isEqualTo((float) Math.exp(88.7f));
        assertThat(F32Math.exp(-104f)).isEqualTo(0f);
        assertThat(F32Math.exp(-103f)).isEqualTo((float) Math.exp(-103f)).isGreaterThan(0f);
        assertThat(F32Math.exp(INF)).isEqualTo(INF);
        assertThat(F32Math.exp(-INF)).isEqualTo(0f);
        assertThat(F32Math.exp(Float.NaN)).isNaN();
        assertThat(F32Math.exp(Float.MIN_VALUE)).isEqualTo(1f);
    }

    @Test
    void logWithinTwoUlpAndEdges() {
        assertThat(sweep(F32Math::log, Math::log, 0f, INF)).isLessThanOrEqualTo(2);
        assertThat(F32Math.log(1f)).isEqualTo(0f);
        assertThat(F32Math.log(0f)).isEqualTo(-INF);
        assertThat(F32Math.log(-0f)).isEqualTo(-INF);
        assertThat(F32Math.log(-1f)).isNaN();
        assertThat(F32Math.log(-INF)).isNaN();
        assertThat(F32Math.log(INF)).isEqualTo(INF);
        assertThat(F32Math.log(Float.NaN)).isNaN();
        assertThat(F32Math.log(Float.MIN_VALUE)).isEqualTo((float) Math.log(Float.MIN_VALUE));
        assertThat(F32Math.log(Float.MAX_VALUE)).isEqualTo((float) Math.log(Float.MAX_VALUE));
    }

    @Test
    void tanhWithinTwoUlpAndEdges() {
        assertThat(sweep(F32Math::tanh, Math::tanh, -INF, INF)).isLessThanOrEqualTo(2);
        assertThat(Float.floatToRawIntBits(F32Math.tanh(-0f))).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(F32Math.tanh(Float.MIN_VALUE)).isEqualTo(Float.MIN_VALUE);
        assertThat(F32Math.tanh(INF)).isEqualTo(1f);
        assertThat(F32Math.tanh(-INF)).isEqualTo(-1f);
        assertThat(F32Math.tanh(Float.NaN)).isNaN();
    }

    @Test
    void sigmoidWithinTwoUlpAndEdges() {
        assertThat(sweep(F32Math::sigmoid, x -> 1 / (1 + Math.exp(-x)), -INF, INF)).isLessThanOrEqualTo(2);
        assertThat(F32Math.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(F32Math.sigmoid(INF)).isEqualTo(1f);
        assertThat(F32Math.sigmoid(-INF)).isEqualTo(0f);
        assertThat(F32Math.sigmoid(-90f)).isEqualTo((float) (1 / (1 + Math.exp(90)))).isGreaterThan(0f);
        assertThat(F32Math.sigmoid(Float.NaN)).isNaN();
    }

    @Test
    void sinAndCosWithinTwoUlpOnTheirRange() {
        assertThat(sweep(F32Math::sin, Math::sin, -4096f, 4096f)).isLessThanOrEqualTo(2);
        assertThat(sweep(F32Math::cos, Math::cos, -4096f, 4096f)).isLessThanOrEqualTo(2);
        assertThat(Float.floatToRawIntBits(F32Math.sin(-0f))).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(F32Math.cos(0f)).isEqualTo(1f);
        assertThat(F32Math.sin(INF)).isNaN();
        assertThat(F32Math.cos(Float.NaN)).isNaN();
    }

    @Test
    void atan2WithinTwoUlpAndEdges() {
        SplittableRandom rnd = new SplittableRandom(7);
        long worst = 0;
        for (int i = 0; i < 3_000_000; i++) {
            float y = Float.intBitsToFloat(rnd.nextInt());
            float x = i % 2 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : y * (float) rnd.nextDouble(-4, 4);
            worst = Math.max(worst, ulps(F32Math.atan2(y, x), (float) Math.atan2(y, x)));
        }
        System.out.printf("atan2 max ulp %d%n", worst);
        assertThat(worst).isLessThanOrEqualTo(2);
        float[] specials = {0f, -0f, 1f, -1f, INF, -INF, Float.MIN_VALUE, -3.5f, Float.NaN};
        for (float y : specials) {
            for (float x : specials) {
                assertThat(ulps(F32Math.atan2(y, x), (float) Math.atan2(y, x))).as("atan2(%s, %s)", y, x)
                        .isLessThanOrEqualTo(1);
            }
        }
        assertThat(Float.floatToRawIntBits(F32Math.atan2(-0f, 1f))).isEqualTo(Float.floatToRawIntBits(-0f));
    }

    private static float[] randomInputs(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (i % 4) {
                case 0 -> Float.intBitsToFloat(rnd.nextInt());
                case 1 -> (float) rnd.nextDouble(-20, 20);
                case 2 -> (float) rnd.nextDouble(-1, 1);
                default -> (float) rnd.nextDouble(0, 200);
            };
        }
        a[0] = Float.NaN;
        a[1] = -0f;
        a[2] = Float.NEGATIVE_INFINITY;
        a[3] = Float.MIN_VALUE;
        return a;
    }

    private interface V1 { FloatVector apply(FloatVector x); }

    /** Full vectors and a masked tail (n not a multiple of the lane count) against the scalar form. */
    private static void assertVectorMatchesScalar(V1 v, F1 s, float[] a) {
        int n = a.length;
        float[] out = new float[n];
        int i = 0;
        for (; i < F.loopBound(n); i += F.length()) {
            v.apply(FloatVector.fromArray(F, a, i)).intoArray(out, i);
        }
        VectorMask<Float> m = F.indexInRange(i, n);
        v.apply(FloatVector.fromArray(F, a, i, m)).intoArray(out, i, m);
        for (int j = 0; j < n; j++) {
            assertThat(Float.floatToRawIntBits(out[j])).as("x = %s", a[j]).isEqualTo(Float.floatToRawIntBits(s.apply(a[j])));
        }
    }

    @Test
    void vectorFormsGiveTheScalarBits() {
        float[] a = randomInputs(new SplittableRandom(11), 100_003);
        assertVectorMatchesScalar(F32Math::exp, F32Math::exp, a);
        assertVectorMatchesScalar(F32Math::log, F32Math::log, a);
        assertVectorMatchesScalar(F32Math::tanh, F32Math::tanh, a);
        assertVectorMatchesScalar(F32Math::sigmoid, F32Math::sigmoid, a);
        assertVectorMatchesScalar(F32Math::sin, F32Math::sin, a);
        assertVectorMatchesScalar(F32Math::cos, F32Math::cos, a);
        float[] b = randomInputs(new SplittableRandom(12), a.length);
        float[] out = new float[a.length];
        int i = 0;
        for (; i < F.loopBound(a.length); i += F.length()) {
            F32Math.atan2(FloatVector.fromArray(F, a, i), FloatVector.fromArray(F, b, i)).intoArray(out, i);
        }
        for (int j = 0; j < i; j++) {
            assertThat(Float.floatToRawIntBits(out[j])).as("atan2(%s, %s)", a[j], b[j])
                    .isEqualTo(Float.floatToRawIntBits(F32Math.atan2(a[j], b[j])));
        }
    }

    @Test
    void lanesSumFirstToLast() {
        float[] a = new float[F.length()];
        a[0] = 1f;
        a[1] = 1e8f;
        a[a.length - 1] = -1e8f;
        float expected = 0f;
        for (float x : a) {
            expected += x;
        }
        assertThat(Lanes.sum(FloatVector.fromArray(F, a, 0))).isEqualTo(expected);
    }
}
