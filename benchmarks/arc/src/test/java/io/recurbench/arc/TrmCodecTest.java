package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.arc.TrmCodec.DecodeMode;
import io.recurbench.arc.TrmCodec.Decoded;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrmCodecTest {

    private static final Grid G = Grid.of(new int[][] {{0, 5, 9}, {3, 3, 1}});

    @Test
    void encodesColoursEosBorderAndPadAtAnOffset() {
        int[] t = new int[TrmCodec.SEQUENCE_LENGTH];
        TrmCodec.encode(G, 4, 7, t, 0);
        int[][] expected = new int[30][30];
        int[][] colours = {{2, 7, 11}, {5, 5, 3}};
        for (int r = 0; r < 2; r++) {
            System.arraycopy(colours[r], 0, expected[4 + r], 7, 3);
            expected[4 + r][10] = 1; // EOS right of each grid row
        }
        expected[6][7] = expected[6][8] = expected[6][9] = 1; // EOS below each grid column
        assertThat(t).isEqualTo(Arrays.stream(expected).flatMapToInt(Arrays::stream).toArray());
    }

    @Test
    void aGridTouchingTheCanvasEdgeHasNoEosBeyondIt() {
        int[][] rows = new int[30][30];
        Grid full = Grid.of(rows);
        int[] t = TrmCodec.encode(full);
        assertThat(t).containsOnly(2);
        Grid corner = Grid.of(new int[][] {{4}});
        int[] u = new int[TrmCodec.SEQUENCE_LENGTH];
        TrmCodec.encode(corner, 29, 29, u, 0);
        assertThat(u[899]).isEqualTo(6);
        assertThat(Arrays.stream(u).sum()).isEqualTo(6);
    }

    @Test
    void decodeInvertsEncodeForEveryRealGrid() {
        ArcDataset d = RealData.dataset();
        int grids = 0;
        for (var tasks : java.util.List.of(d.training(), d.evaluation())) {
            for (ArcPuzzle p : tasks) {
                for (var pairs : java.util.List.of(p.train(), p.test())) {
                    for (ArcPair pair : pairs) {
                        for (Grid g : new Grid[] {pair.input(), pair.output()}) {
                            assertThat(TrmCodec.decode(TrmCodec.encode(g), 0, DecodeMode.STRICT)).isEqualTo(new Decoded.Valid(g));
                            grids++;
                        }
                    }
                }
            }
        }
        assertThat(grids).isEqualTo(7000); // 3500 pairs in ARC-AGI-1
    }

    @Test
    void strictDecodeRejectsAnythingButAnExactEncoding() {
        int[] t = TrmCodec.encode(G);
        t[29 * 30 + 29] = 4; // a stray colour far from the grid
        assertThat(TrmCodec.decode(t, 0, DecodeMode.STRICT)).isInstanceOf(Decoded.Invalid.class);
        assertThat(TrmCodec.decode(t, 0, DecodeMode.TRM_CROP)).isEqualTo(new Decoded.Valid(G));

        int[] missingEos = TrmCodec.encode(G);
        missingEos[2 * 30] = 0; // PAD where EOS belongs below column 0
        assertThat(TrmCodec.decode(missingEos, 0, DecodeMode.STRICT)).isInstanceOf(Decoded.Invalid.class);

        int[] allPad = new int[TrmCodec.SEQUENCE_LENGTH];
        assertThat(TrmCodec.decode(allPad, 0, DecodeMode.TRM_CROP)).isInstanceOf(Decoded.Invalid.class);
        assertThat(TrmCodec.decode(allPad, 0, DecodeMode.STRICT)).isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void cropTakesTheLargestTopLeftRectangleAsTrmDoes() {
        // Row 0 has 5 colours, rows 1-3 have 2: the largest staircase rectangle is 4x2 (area 8) > 1x5.
        int[] t = new int[TrmCodec.SEQUENCE_LENGTH];
        for (int c = 0; c < 5; c++) {
            t[c] = 3;
        }
        for (int r = 1; r < 4; r++) {
            t[r * 30] = 4;
            t[r * 30 + 1] = 5;
        }
        Grid expected = Grid.of(new int[][] {{1, 1}, {2, 3}, {2, 3}, {2, 3}});
        assertThat(TrmCodec.decode(t, 0, DecodeMode.TRM_CROP)).isEqualTo(new Decoded.Valid(expected));
        assertThat(TrmCodec.decode(t, 0, DecodeMode.STRICT)).isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void decodeReadsAtAnOffsetIntoABatch() {
        int[] batch = new int[3 * TrmCodec.SEQUENCE_LENGTH];
        TrmCodec.encode(G, 0, 0, batch, 2 * TrmCodec.SEQUENCE_LENGTH);
        assertThat(TrmCodec.decode(batch, 2 * TrmCodec.SEQUENCE_LENGTH, DecodeMode.STRICT)).isEqualTo(new Decoded.Valid(G));
    }
}
