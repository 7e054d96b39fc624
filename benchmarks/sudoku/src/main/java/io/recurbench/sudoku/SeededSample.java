package io.recurbench.sudoku;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A uniform sample of fixed size from a stream of unknown length, drawn by bottom-k sampling: item {@code i}
 * gets the key {@code mix(seed, i)} and the {@code capacity} smallest keys win. The sample depends only on the
 * seed and the positions, and the caller can ask {@link #wouldKeep} before doing expensive work on an item: only
 * about {@code capacity · ln(n / capacity)} of {@code n} items ever get that far, which is what lets the
 * task check a few thousand training rows, not millions, against the evaluation set.
 *
 * @param <T> the sampled items
 */
final class SeededSample<T> {

    private record Entry<T>(long key, long index, T item) {
    }

    private static final Comparator<Entry<?>> LARGEST_KEY_FIRST =
            Comparator.<Entry<?>>comparingLong(Entry::key).thenComparingLong(Entry::index).reversed();

    private final int capacity;
    private final long seed;
    private final PriorityQueue<Entry<T>> kept;

    /** @param capacity sample size, or {@link Integer#MAX_VALUE} to keep everything */
    SeededSample(int capacity, long seed) {
        this.capacity = capacity;
        this.seed = seed;
        this.kept = new PriorityQueue<>(LARGEST_KEY_FIRST);
    }

    private long key(long index) {
        return Seeds.mix(seed, index, 0x5A);
    }

    /** Whether the item at stream position {@code index} would enter the sample now. */
    boolean wouldKeep(long index) {
        if (kept.size() < capacity) {
            return true;
        }
        Entry<T> largest = kept.peek();
        long key = key(index);
        return key < largest.key() || (key == largest.key() && index < largest.index());
    }

    /** Adds the item at {@code index}, evicting the largest key if full; call only when {@link #wouldKeep} said so. */
    void add(long index, T item) {
        kept.add(new Entry<>(key(index), index, item));
        if (kept.size() > capacity) {
            kept.poll();
        }
    }

    /** Offers an item that needs no further check. */
    void offer(long index, T item) {
        if (wouldKeep(index)) {
            add(index, item);
        }
    }

    int size() {
        return kept.size();
    }

    /** The sample, in stream order. */
    List<T> inStreamOrder() {
        List<Entry<T>> entries = new ArrayList<>(kept);
        entries.sort(Comparator.comparingLong(Entry::index));
        return entries.stream().map(Entry::item).toList();
    }
}
