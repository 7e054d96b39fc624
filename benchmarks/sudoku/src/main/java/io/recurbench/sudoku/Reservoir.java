package io.recurbench.sudoku;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of fixed size from a stream of unknown length (Vitter's algorithm R), so that a few thousand
 * puzzles can be drawn from a file of millions without holding it. The sample comes back in stream order.
 */
final class Reservoir<T> {

    private record Entry<T>(long index, T item) {
    }

    private final int capacity;
    private final SplittableRandom random;
    private final List<Entry<T>> entries = new ArrayList<>();
    private long seen;

    /** @param capacity sample size, or {@link Integer#MAX_VALUE} to keep everything */
    Reservoir(int capacity, SplittableRandom random) {
        this.capacity = capacity;
        this.random = random;
    }

    void offer(T item) {
        long index = seen++;
        if (entries.size() < capacity) {
            entries.add(new Entry<>(index, item));
        } else {
            long slot = random.nextLong(seen);
            if (slot < capacity) {
                entries.set((int) slot, new Entry<>(index, item));
            }
        }
    }

    /** How many items were offered. */
    long seen() {
        return seen;
    }

    /** The sample, in the order the items were offered. */
    List<T> sample() {
        return entries.stream().sorted(Comparator.comparingLong(Entry::index)).map(Entry::item).toList();
    }
}
