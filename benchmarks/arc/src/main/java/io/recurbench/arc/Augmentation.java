package io.recurbench.arc;

import java.util.Objects;

/**
 * One augmented view of a task: recolour with {@code colours}, then apply {@code dihedral} — the
 * order of TRM's {@code dihedral_transform(mapping[grid], trans_id)}. The inverse undoes the dihedral
 * transform first, then the colour map ({@code inv_perm[inverse_dihedral_transform(grid)]}).
 * Packs into one {@code long} (3 bits of transform above 36 bits of colour map).
 */
public record Augmentation(Dihedral dihedral, ColourMap colours) {

    /** The original task. */
    public static final Augmentation IDENTITY = new Augmentation(Dihedral.IDENTITY, ColourMap.IDENTITY);

    public Augmentation {
        Objects.requireNonNull(dihedral, "dihedral");
        Objects.requireNonNull(colours, "colours");
    }

    public static Augmentation of(Dihedral dihedral, ColourMap colours) {
        return new Augmentation(dihedral, colours);
    }

    /** The augmented grid. */
    public Grid apply(Grid g) {
        return transform(g, dihedral, colours.tableUnsafe());
    }

    /** The grid this augmentation maps to {@code g}: {@code invert(apply(x)) == x} for every grid. */
    public Grid invert(Grid g) {
        return transform(g, dihedral.inverse(), colours.inverse().tableUnsafe());
    }

    /** The augmentation that undoes this one, as an {@link Augmentation} of its own. */
    public Augmentation inverse() {
        // (D ∘ C)^-1 = C^-1 ∘ D^-1, and a colour map commutes with any cell permutation.
        return new Augmentation(dihedral.inverse(), colours.inverse());
    }

    public long pack() {
        return ((long) dihedral.id() << 36) | colours.pack();
    }

    public static Augmentation unpack(long bits) {
        return new Augmentation(Dihedral.of((int) (bits >>> 36)), ColourMap.unpack(bits & ((1L << 36) - 1)));
    }

    private static Grid transform(Grid g, Dihedral d, byte[] table) {
        int[] src = d.table(g.rows(), g.cols());
        byte[] in = g.cellsUnsafe();
        byte[] out = new byte[in.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = table[in[src[k]]];
        }
        return d.swapsAxes() ? Grid.trusted(g.cols(), g.rows(), out) : Grid.trusted(g.rows(), g.cols(), out);
    }
}
