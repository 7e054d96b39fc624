package io.recurbench.sudoku;

/** Derives independent, reproducible random seeds from a base seed and indices. */
final class Seeds {

    private Seeds() {
    }

    /** A well-mixed seed for ({@code seed}, {@code a}, {@code b}); distinct inputs give unrelated streams. */
    static long mix(long seed, long a, long b) {
        return murmurFinal(murmurFinal(murmurFinal(seed ^ 0x9E3779B97F4A7C15L) + a) + b);
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    static long murmurFinal(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
