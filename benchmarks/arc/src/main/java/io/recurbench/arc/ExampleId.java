package io.recurbench.arc;

/**
 * What an example is, packed into {@link io.recurbench.api.task.Batch#exampleIds()}: global task
 * index (bits 32–62), view index (bits 16–31) and pair index within the split (bits 0–15).
 */
public record ExampleId(int task, int view, int pair) {

    /** Largest view or pair index that fits. */
    public static final int MAX_INDEX = 0xFFFF;

    public ExampleId {
        if (task < 0 || view < 0 || view > MAX_INDEX || pair < 0 || pair > MAX_INDEX) {
            throw new IllegalArgumentException("example id out of range: task " + task + ", view " + view + ", pair " + pair);
        }
    }

    public long pack() {
        return ((long) task << 32) | ((long) view << 16) | pair;
    }

    public static ExampleId unpack(long bits) {
        return new ExampleId((int) (bits >>> 32), (int) ((bits >>> 16) & MAX_INDEX), (int) (bits & MAX_INDEX));
    }
}
