package io.recurbench.scaffold;

/**
 * A tiny random generator whose whole state is one {@code long} (SplitMix64, Steele, Lea &amp;
 * Flood, OOPSLA 2014), so that a checkpoint can store it and a resumed run draws the same numbers.
 * Used for the ACT exploration draws of the training loop.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /** The state to checkpoint; {@code new SplitMix64(state())} continues the same sequence. */
    public long state() {
        return state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in {@code [low, high]} (both inclusive). */
    public int nextInt(int low, int high) {
        if (high < low) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + "]");
        }
        return low + (int) Math.floorMod(nextLong(), (long) high - low + 1);
    }
}
