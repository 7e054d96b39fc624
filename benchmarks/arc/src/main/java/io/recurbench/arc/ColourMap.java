package io.recurbench.arc;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A permutation of the ARC colours that keeps 0 (black, the usual background) fixed and permutes
 * 1–9, as TRM's {@code build_arc_dataset.py::aug} does. Packed into 36 bits (4 per colour 1–9) so that
 * a million augmented views fit in a few megabytes.
 */
public record ColourMap(byte[] forward) {

    /** Every colour maps to itself. */
    public static final ColourMap IDENTITY = new ColourMap(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

    public ColourMap {
        if (forward.length != Grid.COLOURS || forward[0] != 0) {
            throw new IllegalArgumentException("colour map must have 10 entries and keep 0 fixed: " + Arrays.toString(forward));
        }
        boolean[] seen = new boolean[Grid.COLOURS];
        for (byte b : forward) {
            if (b < 0 || b >= Grid.COLOURS || seen[b]) {
                throw new IllegalArgumentException("colour map is not a permutation of 0-9: " + Arrays.toString(forward));
            }
            seen[b] = true;
        }
        forward = forward.clone();
    }

    /** A uniformly random permutation of 1–9 (Fisher–Yates), 0 fixed. */
    public static ColourMap random(SplittableRandom rng) {
        byte[] f = IDENTITY.forward.clone();
        for (int i = Grid.COLOURS - 1; i > 1; i--) {
            int j = 1 + rng.nextInt(i);
            byte t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return new ColourMap(f);
    }

    /** The colour {@code c} maps to. */
    public int apply(int c) {
        return forward[c];
    }

    /** The permutation that undoes this one. */
    public ColourMap inverse() {
        byte[] inv = new byte[Grid.COLOURS];
        for (int c = 0; c < Grid.COLOURS; c++) {
            inv[forward[c]] = (byte) c;
        }
        return new ColourMap(inv);
    }

    /** A copy of the table: {@code table[c]} is the image of colour {@code c}. */
    @Override
    public byte[] forward() {
        return forward.clone();
    }

    byte[] tableUnsafe() {
        return forward;
    }

    /** The images of colours 1–9 packed 4 bits each (bits 0–3 hold the image of 1). */
    public long pack() {
        long bits = 0;
        for (int c = 1; c < Grid.COLOURS; c++) {
            bits |= (long) forward[c] << (4 * (c - 1));
        }
        return bits;
    }

    /** Inverse of {@link #pack()}. */
    public static ColourMap unpack(long bits) {
        byte[] f = new byte[Grid.COLOURS];
        for (int c = 1; c < Grid.COLOURS; c++) {
            f[c] = (byte) ((bits >>> (4 * (c - 1))) & 0xF);
        }
        return new ColourMap(f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColourMap m && Arrays.equals(m.forward, forward);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(forward);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ColourMap[");
        for (byte b : forward) {
            sb.append(b);
        }
        return sb.append(']').toString();
    }
}
