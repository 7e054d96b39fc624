package io.recurbench.sudoku;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the generator: puzzles per second on one thread with the default uniqueness check, and the same
 * indices with the direct count-up-to-2 check as the peer measured in the same run (the two must produce
 * identical puzzles; the run fails otherwise). Optionally writes the puzzles as a Sudoku-Extreme CSV.
 *
 * <pre>{@code
 * java -cp benchmarks/sudoku/target/classes:api/target/classes io.recurbench.sudoku.GeneratorBenchmark \
 *     --count 10000 --box 3x3 --seed 1 --peer-count 1000 [--min-rating 0] [--max-rating N] [--out puzzles.csv]
 * }</pre>
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) {
        int count = 10_000;
        int peerCount = 1_000;
        BoxShape shape = BoxShape.THREE_BY_THREE;
        long seed = 1;
        long minRating = 0;
        long maxRating = Long.MAX_VALUE;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                usage("flag " + flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--count" -> count = Integer.parseInt(value);
                case "--peer-count" -> peerCount = Integer.parseInt(value);
                case "--box" -> shape = BoxShape.parse(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--min-rating" -> minRating = Long.parseLong(value);
                case "--max-rating" -> maxRating = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> usage("unknown flag " + flag);
            }
        }
        DifficultyRange range = new DifficultyRange(minRating, maxRating);
        peerCount = Math.min(peerCount, count);

        // Warm-up on other indices so that the JIT has compiled the solver before the clock starts.
        Generator warm = new Generator(shape, seed ^ 0x5DEECE66DL, range);
        for (int i = 0; i < 200; i++) {
            warm.generate(i);
        }

        Generator generator = new Generator(shape, seed, range);
        List<Puzzle> puzzles = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            puzzles.add(generator.generate(i));
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Generator peer = new Generator(shape, seed, range, Generator.UniquenessCheck.COUNT_SOLUTIONS, 10_000);
        long peerStart = System.nanoTime();
        for (int i = 0; i < peerCount; i++) {
            if (!peer.generate(i).equals(puzzles.get(i))) {
                throw new IllegalStateException("the two uniqueness checks disagree on puzzle " + i);
            }
        }
        double peerSeconds = (System.nanoTime() - peerStart) / 1e9;

        double rate = count / seconds;
        double peerRate = peerCount / peerSeconds;
        long givens = 0;
        long ratingSum = 0;
        long zeroRated = 0;
        long maxSeen = 0;
        for (Puzzle p : puzzles) {
            givens += p.givens();
            ratingSum += p.rating();
            zeroRated += p.rating() == 0 ? 1 : 0;
            maxSeen = Math.max(maxSeen, p.rating());
        }
        System.out.printf("generator box %s seed %d rating %s: %d puzzles in %.2f s = %.0f puzzles/s (alternative-digit check, 1 thread)%n",
                shape, seed, range, count, seconds, rate);
        System.out.printf("peer count-up-to-2 check: %d puzzles in %.2f s = %.0f puzzles/s; speed-up %.2fx (identical puzzles)%n",
                peerCount, peerSeconds, peerRate, rate / peerRate);
        System.out.printf("mean givens %.2f, mean rating %.2f, rating 0 for %.1f%%, max rating %d%n",
                givens / (double) count, ratingSum / (double) count, 100.0 * zeroRated / count, maxSeen);
        if (out != null) {
            long rows = SudokuCsv.write(out, puzzles);
            System.out.println("wrote " + rows + " puzzles to " + out);
        }
    }

    private static void usage(String problem) {
        throw new IllegalArgumentException(problem + "; flags: --count N --peer-count N --box RxC --seed S "
                + "--min-rating R --max-rating R --out FILE");
    }
}
