package io.recurbench.scaffold;

import io.recurbench.api.Shape;
import io.recurbench.engine.backend.HostTensor;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The adaptive-computation-time carry of a batch across supervision steps, as in
 * {@code TinyRecursiveReasoningModel_ACTV1.forward} (TRM {@code trm.py}): per slot the example it
 * holds, the steps taken on it, whether it halted, and the states y, z.
 *
 * <p>One training step: {@link #refill} puts a new example into every halted slot (its states are
 * reset by the graph, its step count restarts at 0); the step graph runs; {@link #advance} stores
 * the new states, counts the step and decides halting:
 * <pre>
 *   halted = steps ≥ halt_max_steps
 *   training: halted |= halt_logit &gt; 0;
 *             min = (u &lt; exploration_prob) ? uniform{2..halt_max_steps} : 0   (fresh every step)
 *             halted &amp;= steps ≥ min
 * </pre>
 * Slots start halted, so the first refill fills all of them. TRM replaces a halted slot's data
 * with the same slot of the next loader batch (dropping the rest); here the slot takes the next
 * example of the stream, so no training example is skipped.
 */
public final class ActCarry {
    private final int batchSize;
    private final int answerLength;
    private final Example[] examples;
    private final int[] steps;
    private final boolean[] halted;
    private final boolean[] reset;
    private float[] y;
    private float[] z;

    public ActCarry(int batchSize, int answerLength, Shape stateShape) {
        this.batchSize = batchSize;
        this.answerLength = answerLength;
        this.examples = new Example[batchSize];
        this.steps = new int[batchSize];
        this.halted = new boolean[batchSize];
        this.reset = new boolean[batchSize];
        Arrays.fill(halted, true);
        this.y = new float[stateShape.intSize()];
        this.z = new float[stateShape.intSize()];
    }

    /** Fills every halted slot with {@code next.get()}; returns how many slots were refilled. */
    public int refill(Supplier<Example> next) {
        int refilled = 0;
        for (int b = 0; b < batchSize; b++) {
            reset[b] = halted[b];
            if (halted[b]) {
                examples[b] = next.get();
                steps[b] = 0;
                halted[b] = false;
                refilled++;
            }
        }
        return refilled;
    }

    /**
     * Records a finished supervision step: the new states and, from the halting logits, which
     * slots halt (see the class comment). Returns the halted flags of this step (a copy).
     */
    public boolean[] advance(float[] nextY, float[] nextZ, float[] haltLogits, boolean training, int haltMaxSteps,
            double explorationProb, SplitMix64 rng) {
        y = nextY;
        z = nextZ;
        for (int b = 0; b < batchSize; b++) {
            steps[b]++;
            boolean halt = steps[b] >= haltMaxSteps;
            if (training && haltMaxSteps > 1) {
                halt |= haltLogits[b] > 0;
                int minSteps = rng.nextDouble() < explorationProb ? rng.nextInt(2, haltMaxSteps) : 0;
                halt &= steps[b] >= minSteps;
            }
            halted[b] = halt;
        }
        return halted.clone();
    }

    // ---- feeds -------------------------------------------------------------------------------

    public HostTensor inputs() {
        return HostTensor.ofInts(Shape.of(batchSize, answerLength), concat(true));
    }

    public HostTensor labels() {
        return HostTensor.ofInts(Shape.of(batchSize, answerLength), concat(false));
    }

    /** F32 {@code [B]}: 1 for slots refilled by the last {@link #refill}. */
    public HostTensor resetMask() {
        float[] mask = new float[batchSize];
        for (int b = 0; b < batchSize; b++) {
            mask[b] = reset[b] ? 1f : 0f;
        }
        return HostTensor.of(Shape.of(batchSize), mask);
    }

    public float[] y() {
        return y;
    }

    public float[] z() {
        return z;
    }

    public Example example(int slot) {
        return examples[slot];
    }

    /** Steps taken on the example in {@code slot} (after {@link #advance}: including this step). */
    public int steps(int slot) {
        return steps[slot];
    }

    public boolean halted(int slot) {
        return halted[slot];
    }

    public boolean resetThisStep(int slot) {
        return reset[slot];
    }

    public int batchSize() {
        return batchSize;
    }

    private int[] concat(boolean inputs) {
        int[] out = new int[batchSize * answerLength];
        for (int b = 0; b < batchSize; b++) {
            int[] src = inputs ? examples[b].inputs() : examples[b].labels();
            System.arraycopy(src, 0, out, b * answerLength, answerLength);
        }
        return out;
    }

    // ---- checkpoint ----------------------------------------------------------------------------

    /** Writes the carry into {@code c} under {@code act/*}. */
    void save(Checkpoint.Builder c) {
        int[] ids = new int[batchSize];
        long[] exampleIds = new long[batchSize];
        int[] flags = new int[batchSize * 2];
        for (int b = 0; b < batchSize; b++) {
            ids[b] = examples[b] == null ? 0 : examples[b].puzzleId();
            exampleIds[b] = examples[b] == null ? -1 : examples[b].exampleId();
            flags[2 * b] = halted[b] ? 1 : 0;
            flags[2 * b + 1] = reset[b] ? 1 : 0;
        }
        boolean filled = examples[0] != null;
        c.ints("act/filled", new int[] {filled ? 1 : 0});
        if (filled) {
            c.ints("act/inputs", concat(true)).ints("act/labels", concat(false));
        }
        c.ints("act/puzzle_ids", ids).longs("act/example_ids", exampleIds).ints("act/steps", steps.clone())
                .ints("act/flags", flags).floats("act/y", y).floats("act/z", z);
    }

    /** Restores a carry saved by {@link #save}. */
    void load(Checkpoint c) {
        boolean filled = c.ints("act/filled")[0] == 1;
        int[] ids = c.ints("act/puzzle_ids");
        long[] exampleIds = c.longs("act/example_ids");
        int[] flags = c.ints("act/flags");
        int[] in = filled ? c.ints("act/inputs") : null;
        int[] lab = filled ? c.ints("act/labels") : null;
        System.arraycopy(c.ints("act/steps"), 0, steps, 0, batchSize);
        for (int b = 0; b < batchSize; b++) {
            examples[b] = filled ? new Example(Arrays.copyOfRange(in, b * answerLength, (b + 1) * answerLength),
                    Arrays.copyOfRange(lab, b * answerLength, (b + 1) * answerLength), ids[b], exampleIds[b]) : null;
            halted[b] = flags[2 * b] == 1;
            reset[b] = flags[2 * b + 1] == 1;
        }
        y = c.floats("act/y");
        z = c.floats("act/z");
    }
}
