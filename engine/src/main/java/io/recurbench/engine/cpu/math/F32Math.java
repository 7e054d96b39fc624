package io.recurbench.engine.cpu.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * F32 transcendentals built only from exactly rounded IEEE operations (add, sub, mul, div, fma,
 * min/max, compares, blends, bit operations), each in a vector form and a scalar form that perform
 * the same operations in the same order, so both give the same bits on every lane, interpreted or
 * JIT-compiled.
 *
 * <p>Why: the Vector API's {@code lanewise(EXP)} (also LOG, TANH, SIN, COS, ATAN2) runs a Java
 * fallback ({@code Math} per lane) until C2 compiles the loop and an SVML-like intrinsic after; the
 * two differ by an ulp on a few percent of inputs, so the same graph gave different bits cold and
 * warm. Scalar {@code Math.fma} and vector {@code fma} are both the single-rounding IEEE fma.
 *
 * <p>Methods: Cody–Waite range reduction and a Taylor polynomial (degree chosen so truncation is
 * far below an ulp). Measured accuracy against {@code Math} in double rounded to float (see
 * {@code F32MathTest} and docs/engine-cpu.md): exp, log, sigmoid 1 ulp, tanh and atan2 2 ulp;
 * sin and cos 1 ulp for |x| ≤ 4096 — beyond that the float three-part π/2 reduction loses
 * accuracy (9 ulp near 7571; results stay deterministic), and for |x| ≥ 2^22 the quadrant is lost.
 */
public final class F32Math {

    private F32Math() {}

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split: the high part has 15 significant bits, so {@code n · LN2_HI} is exact for |n| < 512. */
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    /** 1.5 · 2^23: {@code t = y + MAGIC} rounds y to an integer, which sits in t's low mantissa bits. */
    private static final float MAGIC = 0x1.8p23f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
    private static final float EXP_LO = -104f; // exp(-104) < 2^-150: rounds to 0
    private static final float EXP_HI = 89f;   // exp(89) > Float.MAX_VALUE: rounds to +inf
    private static final float TANH_SMALL = 0.4f;
    private static final float TANH_CLAMP = 10f; // tanh(x) rounds to 1 for x > 9.02
    private static final int SIGN = 0x80000000;

    // Taylor coefficients 1/k!, k = 7 .. 2 (|r| ≤ ln2/2: truncation < 0.1 ulp)
    private static final float E7 = 1f / 5040f, E6 = 1f / 720f, E5 = 1f / 120f, E4 = 1f / 24f, E3 = 1f / 6f, E2 = 0.5f;
    // log(1+f) = f - f²/2 + s·(f²/2 + R), s = f/(2+f), R = Σ 2 s^2k/(2k+1) (z = s² ≤ 0.0295)
    private static final float L11 = 2f / 11f, L9 = 2f / 9f, L7 = 2f / 7f, L5 = 2f / 5f, L3 = 2f / 3f;
    /** Split of m = x / 2^k so that m lies in [√½, √2): shift the exponent boundary to √½. */
    private static final int SQRT_HALF_BITS = 0x3f3504f3;
    private static final int LOG_SHIFT = 0x3f800000 - SQRT_HALF_BITS;
    // tanh Taylor coefficients of x^3 .. x^15 (|x| < 0.4: truncation < 0.05 ulp)
    private static final float T3 = -1f / 3f, T5 = 2f / 15f, T7 = -17f / 315f, T9 = 62f / 2835f,
            T11 = -1382f / 155925f, T13 = 21844f / 6081075f, T15 = (float) (-929569.0 / 638512875.0),
            T17 = (float) (6404582.0 / 10854718875.0);
    // π/2 in three parts for sin/cos reduction (high parts with trailing zero bits)
    private static final float TWO_OVER_PI = 0.636619772367581343f;
    private static final float PIO2_1 = 1.5703125f;
    private static final float PIO2_2 = 4.83751296997070312e-4f;
    private static final float PIO2_3 = (float) (Math.PI / 2 - 1.5703125 - 4.83751296997070312e-4);
    private static final float PIO2_HI = (float) (Math.PI / 2);
    private static final float PIO2_LO = (float) (Math.PI / 2 - PIO2_HI);
    private static final float PI_HI = (float) Math.PI;
    private static final float PI_LO = (float) (Math.PI - PI_HI);
    private static final float PIO4_HI = (float) (Math.PI / 4);
    private static final float PIO4_LO = (float) (Math.PI / 4 - PIO4_HI);
    private static final float TAN_PI_8 = 0.414213562373095f;
    // sin Taylor x^3 .. x^11, cos x^2 .. x^12 (|r| ≤ π/4)
    private static final float S3 = -1f / 6f, S5 = 1f / 120f, S7 = -1f / 5040f, S9 = 1f / 362880f, S11 = -1f / 39916800f;
    private static final float C2 = -0.5f, C4 = 1f / 24f, C6 = -1f / 720f, C8 = 1f / 40320f, C10 = -1f / 3628800f,
            C12 = 1f / 479001600f;
    // atan Taylor (-1)^k/(2k+1), k = 1 .. 10 (|t| ≤ tan π/8: truncation < 0.05 ulp)
    private static final float A3 = -1f / 3f, A5 = 1f / 5f, A7 = -1f / 7f, A9 = 1f / 9f, A11 = -1f / 11f, A13 = 1f / 13f,
            A15 = -1f / 15f, A17 = 1f / 17f, A19 = -1f / 19f, A21 = 1f / 21f;

    // ---- exp ------------------------------------------------------------------------------------

    /** e^x: x = n·ln2 + r, e^r = 1 + r + r²·P(r), times 2^n applied as two halves (subnormals round once). */
    public static float exp(float x) {
        float c = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(c, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float e = expm1Poly(r) + 1f;
        int ni = Float.floatToRawIntBits(t) - MAGIC_BITS;
        int n1 = ni >> 1;
        int n2 = ni - n1;
        return e * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    /** Vector form of {@link #exp(float)}. */
    public static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = c.fma(c.broadcast(LOG2E), c.broadcast(MAGIC));
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(c.broadcast(-LN2_HI), c);
        r = n.fma(r.broadcast(-LN2_LO), r);
        FloatVector e = expm1Poly(r).add(1f);
        IntVector ni = t.viewAsIntegralLanes().sub(MAGIC_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        return e.mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes())
                .mul(n2.add(127).lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes());
    }

    /** e^r − 1 = r + r²·(1/2 + r/6 + … + r⁵/7!). */
    private static float expm1Poly(float r) {
        float p = Math.fma(E7, r, E6);
        p = Math.fma(p, r, E5);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E2);
        return Math.fma(r * r, p, r);
    }

    private static FloatVector expm1Poly(FloatVector r) {
        FloatVector p = r.broadcast(E7).fma(r, r.broadcast(E6));
        p = p.fma(r, r.broadcast(E5));
        p = p.fma(r, r.broadcast(E4));
        p = p.fma(r, r.broadcast(E3));
        p = p.fma(r, r.broadcast(E2));
        return r.mul(r).fma(p, r);
    }

    // ---- log ------------------------------------------------------------------------------------

    /** ln x: x = 2^k·m with m in [√½, √2), f = m − 1 exact, ln(1+f) = f − f²/2 + s·(f²/2 + R(s²)). */
    public static float log(float x) {
        boolean subnormal = x < Float.MIN_NORMAL;
        float xs = subnormal ? x * 0x1p25f : x;
        int bits = Float.floatToRawIntBits(xs) + LOG_SHIFT;
        float k = (float) ((bits >> 23) - 127);
        k = subnormal ? k - 25f : k;
        float f = Float.intBitsToFloat((bits & 0x7fffff) + SQRT_HALF_BITS) - 1f;
        float s = f / (2f + f);
        float z = s * s;
        float rr = Math.fma(L11, z, L9);
        rr = Math.fma(rr, z, L7);
        rr = Math.fma(rr, z, L5);
        rr = Math.fma(rr, z, L3);
        rr = rr * z;
        float hfsq = 0.5f * f * f;
        float r = k * LN2_HI - ((hfsq - Math.fma(s, hfsq + rr, k * LN2_LO)) - f);
        r = x == 0f ? Float.NEGATIVE_INFINITY : r;
        r = x < 0f ? Float.NaN : r;
        return x != x || x == Float.POSITIVE_INFINITY ? x : r;
    }

    /** Vector form of {@link #log(float)}. */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.lt(Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(0x1p25f), subnormal);
        IntVector bits = xs.viewAsIntegralLanes().add(LOG_SHIFT);
        FloatVector k = ((FloatVector) bits.lanewise(VectorOperators.ASHR, 23).sub(127)
                .convert(VectorOperators.I2F, 0));
        k = k.blend(k.sub(25f), subnormal);
        FloatVector f = bits.and(0x7fffff).add(SQRT_HALF_BITS).viewAsFloatingLanes().sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector rr = z.broadcast(L11).fma(z, z.broadcast(L9));
        rr = rr.fma(z, z.broadcast(L7));
        rr = rr.fma(z, z.broadcast(L5));
        rr = rr.fma(z, z.broadcast(L3));
        rr = rr.mul(z);
        FloatVector hfsq = f.broadcast(0.5f).mul(f).mul(f);
        FloatVector r = k.mul(LN2_HI).sub(hfsq.sub(s.fma(hfsq.add(rr), k.mul(LN2_LO))).sub(f));
        r = r.blend(Float.NEGATIVE_INFINITY, x.eq(0f));
        r = r.blend(Float.NaN, x.lt(0f));
        return r.blend(x, x.compare(VectorOperators.NE, x).or(x.eq(Float.POSITIVE_INFINITY)));
    }

    // ---- tanh, sigmoid --------------------------------------------------------------------------

    /**
     * tanh x: an odd Taylor polynomial for |x| < 0.4, else em1/(em1 + 2) with em1 = e^{2|x|} − 1
     * built from the exp reduction without cancellation; the sign of x is copied on.
     */
    public static float tanh(float x) {
        float a = Math.abs(x);
        float z = a * a;
        float p = Math.fma(T17, z, T15);
        p = Math.fma(p, z, T13);
        p = Math.fma(p, z, T11);
        p = Math.fma(p, z, T9);
        p = Math.fma(p, z, T7);
        p = Math.fma(p, z, T5);
        p = Math.fma(p, z, T3);
        float small = Math.fma(a * z, p, a);
        float c = Math.min(a, TANH_CLAMP);
        c = c + c;
        float t = Math.fma(c, LOG2E, MAGIC);
        float n = t - MAGIC;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float q = expm1Poly(r);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - MAGIC_BITS + 127) << 23);
        float em1 = Math.fma(scale, q, scale - 1f);
        float large = em1 / (em1 + 2f);
        float m = a < TANH_SMALL ? small : large;
        return Float.intBitsToFloat(Float.floatToRawIntBits(m) | (Float.floatToRawIntBits(x) & SIGN));
    }

    /** Vector form of {@link #tanh(float)}. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = z.broadcast(T17).fma(z, z.broadcast(T15));
        p = p.fma(z, z.broadcast(T13));
        p = p.fma(z, z.broadcast(T11));
        p = p.fma(z, z.broadcast(T9));
        p = p.fma(z, z.broadcast(T7));
        p = p.fma(z, z.broadcast(T5));
        p = p.fma(z, z.broadcast(T3));
        FloatVector small = a.mul(z).fma(p, a);
        FloatVector c = a.min(TANH_CLAMP);
        c = c.add(c);
        FloatVector t = c.fma(c.broadcast(LOG2E), c.broadcast(MAGIC));
        FloatVector n = t.sub(MAGIC);
        FloatVector r = n.fma(c.broadcast(-LN2_HI), c);
        r = n.fma(r.broadcast(-LN2_LO), r);
        FloatVector q = expm1Poly(r);
        FloatVector scale = t.viewAsIntegralLanes().sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .viewAsFloatingLanes();
        FloatVector em1 = scale.fma(q, scale.sub(1f));
        FloatVector large = em1.div(em1.add(2f));
        FloatVector m = large.blend(small, a.lt(TANH_SMALL));
        return m.viewAsIntegralLanes().or(x.viewAsIntegralLanes().and(SIGN)).viewAsFloatingLanes();
    }

    /** 1/(1 + e^{-x}) as 1/(1 + e) for x ≥ 0 and e/(1 + e) for x < 0, e = e^{-|x|}: no overflow, subnormals kept. */
    public static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        return (x < 0f ? e : 1f) / (1f + e);
    }

    /** Vector form of {@link #sigmoid(float)}. */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        return x.broadcast(1f).blend(e, x.lt(0f)).div(e.add(1f));
    }

    // ---- sin, cos -------------------------------------------------------------------------------

    /** sin x: x = q·π/2 + r (three-part π/2), then ±sin r or ±cos r by the quadrant q mod 4. */
    public static float sin(float x) {
        return sincos(x, 0);
    }

    /** cos x = sin(x + π/2) by quadrant: the same reduction with the quadrant shifted by one. */
    public static float cos(float x) {
        return sincos(x, 1);
    }

    private static float sincos(float x, int shift) {
        float t = Math.fma(x, TWO_OVER_PI, MAGIC);
        float q = t - MAGIC;
        float r = Math.fma(q, -PIO2_1, x);
        r = Math.fma(q, -PIO2_2, r);
        r = Math.fma(q, -PIO2_3, r);
        int quadrant = Float.floatToRawIntBits(t) - MAGIC_BITS + shift;
        float z = r * r;
        float ps = Math.fma(S11, z, S9);
        ps = Math.fma(ps, z, S7);
        ps = Math.fma(ps, z, S5);
        ps = Math.fma(ps, z, S3);
        float sinR = Math.fma(r * z, ps, r);
        sinR = r == 0f ? r : sinR; // keeps sin(-0) = -0 (r·z·ps is +0 there)
        float pc = Math.fma(C12, z, C10);
        pc = Math.fma(pc, z, C8);
        pc = Math.fma(pc, z, C6);
        pc = Math.fma(pc, z, C4);
        pc = Math.fma(pc, z, C2);
        float cosR = Math.fma(z, pc, 1f);
        float m = (quadrant & 1) == 0 ? sinR : cosR;
        return Float.intBitsToFloat(Float.floatToRawIntBits(m) ^ ((quadrant & 2) << 30));
    }

    /** Vector form of {@link #sin(float)}. */
    public static FloatVector sin(FloatVector x) {
        return sincos(x, 0);
    }

    /** Vector form of {@link #cos(float)}. */
    public static FloatVector cos(FloatVector x) {
        return sincos(x, 1);
    }

    private static FloatVector sincos(FloatVector x, int shift) {
        FloatVector t = x.fma(x.broadcast(TWO_OVER_PI), x.broadcast(MAGIC));
        FloatVector q = t.sub(MAGIC);
        FloatVector r = q.fma(x.broadcast(-PIO2_1), x);
        r = q.fma(r.broadcast(-PIO2_2), r);
        r = q.fma(r.broadcast(-PIO2_3), r);
        IntVector quadrant = t.viewAsIntegralLanes().sub(MAGIC_BITS - shift);
        FloatVector z = r.mul(r);
        FloatVector ps = z.broadcast(S11).fma(z, z.broadcast(S9));
        ps = ps.fma(z, z.broadcast(S7));
        ps = ps.fma(z, z.broadcast(S5));
        ps = ps.fma(z, z.broadcast(S3));
        FloatVector sinR = r.mul(z).fma(ps, r);
        sinR = sinR.blend(r, r.eq(0f));
        FloatVector pc = z.broadcast(C12).fma(z, z.broadcast(C10));
        pc = pc.fma(z, z.broadcast(C8));
        pc = pc.fma(z, z.broadcast(C6));
        pc = pc.fma(z, z.broadcast(C4));
        pc = pc.fma(z, z.broadcast(C2));
        FloatVector cosR = z.fma(pc, pc.broadcast(1f));
        FloatVector m = sinR.blend(cosR, quadrant.and(1).compare(VectorOperators.NE, 0).cast(x.species()));
        return m.viewAsIntegralLanes().lanewise(VectorOperators.XOR, quadrant.and(2).lanewise(VectorOperators.LSHL, 30))
                .viewAsFloatingLanes();
    }

    // ---- atan2 ----------------------------------------------------------------------------------

    /**
     * atan2(y, x): a = min(|x|,|y|)/max(|x|,|y|) in [0, 1], reduced to |t| ≤ tan π/8 by
     * atan a = π/4 + atan((a−1)/(a+1)), Taylor on t, then mirrored into the octant of (x, y); π
     * constants in two parts. IEEE special cases (zeros, infinities) come out of the same path.
     */
    public static float atan2(float y, float x) {
        float ax = Math.abs(x);
        float ay = Math.abs(y);
        float mx = Math.max(ax, ay);
        float mn = Math.min(ax, ay);
        float a = mn / mx;
        a = mx == 0f ? 0f : a;
        a = mn == Float.POSITIVE_INFINITY ? 1f : a;
        boolean reduce = a > TAN_PI_8;
        float tt = reduce ? (a - 1f) / (a + 1f) : a;
        float z = tt * tt;
        float p = Math.fma(A21, z, A19);
        p = Math.fma(p, z, A17);
        p = Math.fma(p, z, A15);
        p = Math.fma(p, z, A13);
        p = Math.fma(p, z, A11);
        p = Math.fma(p, z, A9);
        p = Math.fma(p, z, A7);
        p = Math.fma(p, z, A5);
        p = Math.fma(p, z, A3);
        float at = Math.fma(tt * z, p, tt);
        float angle = reduce ? PIO4_HI + (at + PIO4_LO) : at;
        angle = ay > ax ? -angle + PIO2_HI + PIO2_LO : angle; // -a + b, not b - a: the vector form's NaN bits
        angle = Float.floatToRawIntBits(x) < 0 ? -angle + PI_HI + PI_LO : angle;
        return Float.intBitsToFloat(Float.floatToRawIntBits(angle) | (Float.floatToRawIntBits(y) & SIGN));
    }

    /** Vector form of {@link #atan2(float, float)}. */
    public static FloatVector atan2(FloatVector y, FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector ay = y.abs();
        FloatVector mx = ax.max(ay);
        FloatVector mn = ax.min(ay);
        FloatVector a = mn.div(mx);
        a = a.blend(0f, mx.eq(0f));
        a = a.blend(1f, mn.eq(Float.POSITIVE_INFINITY));
        VectorMask<Float> reduce = a.compare(VectorOperators.GT, TAN_PI_8);
        FloatVector tt = a.blend(a.sub(1f).div(a.add(1f)), reduce);
        FloatVector z = tt.mul(tt);
        FloatVector p = z.broadcast(A21).fma(z, z.broadcast(A19));
        p = p.fma(z, z.broadcast(A17));
        p = p.fma(z, z.broadcast(A15));
        p = p.fma(z, z.broadcast(A13));
        p = p.fma(z, z.broadcast(A11));
        p = p.fma(z, z.broadcast(A9));
        p = p.fma(z, z.broadcast(A7));
        p = p.fma(z, z.broadcast(A5));
        p = p.fma(z, z.broadcast(A3));
        FloatVector at = tt.mul(z).fma(p, tt);
        FloatVector angle = at.blend(at.add(PIO4_LO).add(PIO4_HI), reduce);
        angle = angle.blend(angle.neg().add(PIO2_HI).add(PIO2_LO), ay.compare(VectorOperators.GT, ax));
        angle = angle.blend(angle.neg().add(PI_HI).add(PI_LO), x.viewAsIntegralLanes().lt(0).cast(x.species()));
        return angle.viewAsIntegralLanes().or(y.viewAsIntegralLanes().and(SIGN)).viewAsFloatingLanes();
    }
}
