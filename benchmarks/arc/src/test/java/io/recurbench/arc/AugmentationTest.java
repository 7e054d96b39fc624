package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final Grid G = Grid.of(new int[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void dihedralTransformsMatchNumpyDefinitionsByHand() {
        // Expected values written out by hand from NumPy's documented semantics.
        assertThat(Dihedral.IDENTITY.apply(G)).isEqualTo(G);
        assertThat(Dihedral.ROT90.apply(G)).isEqualTo(Grid.of(new int[][] {{3, 6}, {2, 5}, {1, 4}}));
        assertThat(Dihedral.ROT180.apply(G)).isEqualTo(Grid.of(new int[][] {{6, 5, 4}, {3, 2, 1}}));
        assertThat(Dihedral.ROT270.apply(G)).isEqualTo(Grid.of(new int[][] {{4, 1}, {5, 2}, {6, 3}}));
        assertThat(Dihedral.FLIP_LR.apply(G)).isEqualTo(Grid.of(new int[][] {{3, 2, 1}, {6, 5, 4}}));
        assertThat(Dihedral.FLIP_UD.apply(G)).isEqualTo(Grid.of(new int[][] {{4, 5, 6}, {1, 2, 3}}));
        assertThat(Dihedral.TRANSPOSE.apply(G)).isEqualTo(Grid.of(new int[][] {{1, 4}, {2, 5}, {3, 6}}));
        // fliplr(rot90(G)) = fliplr([[3,6],[2,5],[1,4]])
        assertThat(Dihedral.ANTI_TRANSPOSE.apply(G)).isEqualTo(Grid.of(new int[][] {{6, 3}, {5, 2}, {4, 1}}));
    }

    @Test
    void theEightTransformsAreDistinctAndFormAGroup() {
        Grid asym = Grid.of(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        assertThat(java.util.Arrays.stream(Dihedral.values()).map(d -> d.apply(asym)).distinct()).hasSize(8);
        Grid r = asym;
        for (int i = 0; i < 4; i++) {
            r = Dihedral.ROT90.apply(r);
        }
        assertThat(r).isEqualTo(asym);
        assertThat(Dihedral.ROT90.apply(Dihedral.ROT90.apply(asym))).isEqualTo(Dihedral.ROT180.apply(asym));
    }

    @Test
    void colourMapsKeepBlackAndPackLosslessly() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            ColourMap m = ColourMap.random(rng);
            assertThat(m.apply(0)).isZero();
            assertThat(ColourMap.unpack(m.pack())).isEqualTo(m);
            for (int c = 0; c < 10; c++) {
                assertThat(m.inverse().apply(m.apply(c))).isEqualTo(c);
            }
            Augmentation a = new Augmentation(Dihedral.of(rng.nextInt(8)), m);
            assertThat(Augmentation.unpack(a.pack())).isEqualTo(a);
        }
    }

    @Test
    void recolourThenTransformAsTrm() {
        byte[] f = {0, 2, 1, 3, 4, 5, 6, 7, 8, 9};
        Augmentation a = new Augmentation(Dihedral.FLIP_LR, new ColourMap(f));
        assertThat(a.apply(G)).isEqualTo(Grid.of(new int[][] {{3, 1, 2}, {6, 5, 4}}));
    }

    @Test
    void inverseUndoesForwardOnEveryRealGridUnderRandomAugmentations() {
        ArcDataset d = RealData.dataset();
        SplittableRandom rng = new SplittableRandom(42);
        int checked = 0;
        for (List<ArcPuzzle> set : List.of(d.training(), d.evaluation())) {
            for (ArcPuzzle p : set) {
                for (List<ArcPair> pairs : List.of(p.train(), p.test())) {
                    for (ArcPair pair : pairs) {
                        for (Grid g : new Grid[] {pair.input(), pair.output()}) {
                            for (Dihedral dh : Dihedral.values()) {
                                Augmentation a = new Augmentation(dh, ColourMap.random(rng));
                                Grid fwd = a.apply(g);
                                assertThat(a.invert(fwd)).isEqualTo(g);
                                assertThat(a.inverse().apply(fwd)).isEqualTo(g);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(8 * 7000);
    }
}
