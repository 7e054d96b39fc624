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
