package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentedDatasetTest {

    private static ArcPuzzle task(String id, Grid in, Grid out) {
        return new ArcPuzzle(id, List.of(new ArcPair(in, out)), List.of(new ArcPair(in, out)));
    }

    @Test
    void splitsAsTrm() {
        AugmentedDataset d = RealData.trmTask().data();
        assertThat(d.tasks()).hasSize(800);
        assertThat(d.evaluationStart()).isEqualTo(400);
        for (AugmentedDataset.Group g : d.trainingGroups()) {
            ArcPuzzle p = d.tasks().get(g.task());
            int expected = d.isEvaluation(g.task()) ? p.train().size() : p.train().size() + p.test().size();
            assertThat(g.pairs()).hasSize(expected);
        }
        // 400 training tasks: 1302 demonstrations + 416 tests; 400 evaluation tasks: 1363 demonstrations.
        assertThat(RealData.trmTask().trainingExampleCount()).isEqualTo(1302 + 416 + 1363);
        long evaluationExamples = 0;
        for (int t = 400; t < 800; t++) {
            evaluationExamples += (long) d.viewCount(t) * d.tasks().get(t).test().size();
        }
        assertThat(RealData.trmTask().evaluationExampleCount()).isEqualTo(evaluationExamples);
    }

    @Test
    void everyTaskHasTheOriginalFirstAndAtMost1001DistinctViews() {
        AugmentedDataset d = RealData.trmTask().data();
        long total = 0;
        int full = 0;
        for (int t = 0; t < d.tasks().size(); t++) {
            assertThat(d.view(t, 0)).isEqualTo(Augmentation.IDENTITY);
            assertThat(d.viewCount(t)).isBetween(2, 1001);
            total += d.viewCount(t);
            full += d.viewCount(t) == 1001 ? 1 : 0;
        }
        assertThat(d.totalViews()).isEqualTo(total);
        assertThat(d.identifierCount()).isEqualTo(total + 1);
        assertThat(full).isGreaterThan(600);
        // Distinct content, checked by materialising the views of a sample of tasks.
        for (int t = 0; t < d.tasks().size(); t += 37) {
            Set<List<Grid>> seen = new HashSet<>();
            for (int v = 0; v < d.viewCount(t); v++) {
                Augmentation a = d.view(t, v);
                seen.add(d.visibleGrids(t).stream().map(a::apply).toList());
            }
            assertThat(seen).as("task %s", d.tasks().get(t).id()).hasSize(d.viewCount(t));
        }
    }

    @Test
    void duplicatesAreRejectedByContent() {
        // One colour and a 1x1 grid: only the colour can change, so exactly 9 distinct views.
        Grid five = Grid.of(new int[][] {{5}});
        // A 1x2 row of two colours: rows or columns (2 shapes) x 9*8 ordered colour pairs = 144 views.
        Grid row = Grid.of(new int[][] {{1, 2}});
        ArcDataset data = new ArcDataset(List.of(task("a", five, five), task("b", row, row)), List.of(task("c", five, five)));
        AugmentedDataset d = new AugmentedDataset(data, 1000, 42);
        assertThat(d.viewCount(0)).isEqualTo(9);
        assertThat(d.viewCount(1)).isEqualTo(144);
        assertThat(d.viewCount(2)).isEqualTo(9);
        assertThat(d.identifier(0, 0)).isEqualTo(1);
        assertThat(d.identifier(1, 0)).isEqualTo(10);
        assertThat(d.identifierCount()).isEqualTo(1 + 9 + 144 + 9);
    }

    @Test
    void thePlanIsDeterministicPerSeedAndPerTask() {
        ArcDataset small = RealData.subset(10);
        AugmentedDataset a = new AugmentedDataset(small, 50, 7);
        AugmentedDataset b = new AugmentedDataset(small, 50, 7);
        AugmentedDataset c = new AugmentedDataset(small, 50, 8);
        boolean anyDifferent = false;
        for (int t = 0; t < a.tasks().size(); t++) {
            for (int v = 0; v < a.viewCount(t); v++) {
                assertThat(a.view(t, v)).isEqualTo(b.view(t, v));
                anyDifferent |= v < c.viewCount(t) && !a.view(t, v).equals(c.view(t, v));
            }
        }
        assertThat(anyDifferent).isTrue();
        // A task's views do not depend on which other tasks are loaded.
        AugmentedDataset alone = new AugmentedDataset(new ArcDataset(small.training().subList(3, 4), small.evaluation().subList(0, 1)), 50, 7);
        for (int v = 0; v < alone.viewCount(0); v++) {
            assertThat(alone.view(0, v)).isEqualTo(a.view(3, v));
        }
    }
}
