package io.recurbench.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.api.task.Batch;
import io.recurbench.arc.TrmCodec.DecodeMode;
import io.recurbench.arc.TrmCodec.Decoded;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class EvaluationStreamTest {

    @Test
    void allViewsOfAllEvaluationTestPairsRoundTripThroughEncodeDecodeInverse() {
        ArcAgi1Task task = RealData.trmTask();
        AugmentedDataset d = task.data();
        int n = TrmCodec.SEQUENCE_LENGTH;
        long examples = 0;
        long previous = -1;
        int[] label = new int[n];
        java.util.List<String> failures = new java.util.ArrayList<>();
        Iterator<Batch> it = task.evaluationBatches(4096);
        while (it.hasNext()) {
            Batch b = it.next();
            for (int i = 0; i < b.size(); i++) {
                long packed = b.exampleIds()[i];
                ExampleId id = ExampleId.unpack(packed);
                ArcPair pair = d.tasks().get(id.task()).test().get(id.pair());
                Augmentation aug = d.view(id.task(), id.view());
                for (int k = 0; k < n; k++) {
                    int t = b.labels()[i * n + k];
                    label[k] = t == Batch.IGNORE ? TrmCodec.PAD : t;
                }
                boolean ok = packed > previous // task, view, test order
                        && b.puzzleIds()[i] == d.identifier(id.task(), id.view())
                        && TrmCodec.decode(b.inputs(), i * n, DecodeMode.STRICT) instanceof Decoded.Valid(Grid in)
                        && aug.invert(in).equals(pair.input())
                        && TrmCodec.decode(label, 0, DecodeMode.STRICT) instanceof Decoded.Valid(Grid out)
                        && aug.invert(out).equals(pair.output());
                if (!ok) {
                    failures.add(id.toString());
                }
                previous = packed;
                examples++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(examples).isEqualTo(task.evaluationExampleCount());
        assertThat(examples).isGreaterThan(419L * 800); // most of the 419 test inputs have all 1001 views
    }

    @Test
    void theLastBatchIsSmaller() {
        ArcAgi1Task.Config config = new ArcAgi1Task.Config(2, 42, true, new int[] {1}, DecodeMode.STRICT);
        ArcAgi1Task task = new ArcAgi1Task(RealData.subset(2), config);
        long total = task.evaluationExampleCount();
        Iterator<Batch> it = task.evaluationBatches(4);
        long seen = 0;
        Batch last = null;
        while (it.hasNext()) {
            last = it.next();
            seen += last.size();
        }
        assertThat(seen).isEqualTo(total);
        assertThat(last.size()).isEqualTo(total % 4 == 0 ? 4 : (int) (total % 4));
    }
}
