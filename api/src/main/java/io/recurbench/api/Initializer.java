package io.recurbench.api;

import java.util.random.RandomGenerator;

/**
 * How a declared parameter gets its first value. Sampling lives here, not in a backend, so that
 * every backend starts a model from exactly the same numbers for the same seed.
 */
public sealed interface Initializer {

    /** Fills {@code count} values in row-major order for a parameter of {@code shape}. */
    float[] sample(Shape shape, RandomGenerator rng);

    /**
     * Normal with standard deviation {@code std}, truncated at ±2 standard deviations by
     * resampling. The effective std of the truncated law is about 0.88·std; TRM's
     * {@code trunc_normal_init_} corrects for this, and so do we, so the result has exactly {@code std}.
     */
    record TruncatedNormal(double std) implements Initializer {
        /** std of N(0,1) truncated to [-2, 2]. */
        private static final double TRUNCATED_STD = 0.8796256610342398;

        @Override
        public float[] sample(Shape shape, RandomGenerator rng) {
            float[] v = new float[shape.intSize()];
            double scale = std / TRUNCATED_STD;
            for (int i = 0; i < v.length; i++) {
                double g;
                do {
                    g = rng.nextGaussian();
                } while (g < -2 || g > 2);
                v[i] = (float) (g * scale);
            }
            return v;
        }
    }

    record Constant(double value) implements Initializer {
        @Override
        public float[] sample(Shape shape, RandomGenerator rng) {
            float[] v = new float[shape.intSize()];
            java.util.Arrays.fill(v, (float) value);
            return v;
        }
    }

    record Uniform(double low, double high) implements Initializer {
        @Override
        public float[] sample(Shape shape, RandomGenerator rng) {
            float[] v = new float[shape.intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (low + (high - low) * rng.nextDouble());
            }
            return v;
        }
    }

    /**
     * {@code log(u)} with {@code u} uniform in {@code [low, high]}: Mamba-2's {@code A_log}, so that the
     * per-head decay {@code A = −exp(A_log)} starts uniform in {@code [−high, −low]}
     * (state-spaces/mamba, {@code mamba_ssm/modules/mamba2.py}, {@code A_init_range=(1, 16)}).
     */
    record LogUniform(double low, double high) implements Initializer {
        public LogUniform {
            if (!(low > 0 && high >= low)) {
                throw new IllegalArgumentException("LogUniform needs 0 < low <= high, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public float[] sample(Shape shape, RandomGenerator rng) {
            float[] v = new float[shape.intSize()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.log(low + (high - low) * rng.nextDouble());
            }
            return v;
        }
    }

    /**
     * The inverse softplus of a step {@code dt} drawn log-uniformly in {@code [min, max]} and floored at
     * {@code floor}: Mamba-2's {@code dt_bias}, so that {@code softplus(dt_bias)} starts in
     * {@code [min, max]} (state-spaces/mamba, {@code mamba2.py}: {@code dt_min=0.001, dt_max=0.1,
     * dt_init_floor=1e-4}, {@code inv_dt = dt + log(−expm1(−dt))}).
     */
    record InverseSoftplusLogUniform(double min, double max, double floor) implements Initializer {
        public InverseSoftplusLogUniform {
            if (!(min > 0 && max >= min && floor > 0)) {
                throw new IllegalArgumentException("InverseSoftplusLogUniform needs 0 < min <= max and floor > 0, got ["
                        + min + ", " + max + "], floor " + floor);
            }
        }

        @Override
        public float[] sample(Shape shape, RandomGenerator rng) {
            float[] v = new float[shape.intSize()];
            double logMin = Math.log(min);
            double logMax = Math.log(max);
            for (int i = 0; i < v.length; i++) {
                double dt = Math.max(Math.exp(logMin + (logMax - logMin) * rng.nextDouble()), floor);
                v[i] = (float) (dt + Math.log(-Math.expm1(-dt)));
            }
            return v;
        }
    }

    static Initializer zeros() {
        return new Constant(0);
    }

    static Initializer ones() {
        return new Constant(1);
    }

    static Initializer truncatedNormal(double std) {
        return new TruncatedNormal(std);
    }
}
