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
        Iterator<Batch> it = task.evaluationBatches(4096);
        while (it.hasNext()) {
            Batch b = it.next();
            for (int i = 0; i < b.size(); i++) {
                long packed = b.exampleIds()[i];
                assertThat(packed).isGreaterThan(previous); // task, view, test order
                previous = packed;
                ExampleId id = ExampleId.unpack(packed);
                ArcPair pair = d.tasks().get(id.task()).test().get(id.pair());
                Augmentation aug = d.view(id.task(), id.view());
                assertThat(b.puzzleIds()[i]).isEqualTo(d.identifier(id.task(), id.view()));
                Decoded in = TrmCodec.decode(b.inputs(), i * n, DecodeMode.STRICT);
                assertThat(in).isInstanceOf(Decoded.Valid.class);
                assertThat(aug.invert(((Decoded.Valid) in).grid())).isEqualTo(pair.input());
                for (int k = 0; k < n; k++) {
                    int t = b.labels()[i * n + k];
                    label[k] = t == Batch.IGNORE ? TrmCodec.PAD : t;
                }
                Decoded out = TrmCodec.decode(label, 0, DecodeMode.STRICT);
                assertThat(aug.invert(((Decoded.Valid) out).grid())).isEqualTo(pair.output());
                examples++;
            }
        }
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
