package io.recurbench.sudoku;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads and writes the Sudoku-Extreme CSV layout ({@code sapientinc/sudoku-extreme} on Hugging Face, used by
 * HRM and TRM): a header {@code source,question,answer,rating}, then one puzzle per line. {@code question} and
 * {@code answer} hold one character per cell, row-major ({@code n*n} characters: 81 for 9×9); a blank is
 * {@code .} or {@code 0}; {@code rating} is an integer. Fields are never quoted in that layout, so a comma always
 * separates fields here.
 *
 * <p>Reading streams line by line (the public test split has about 423k rows) and checks each row: field count,
 * lengths, characters, the answer a valid complete grid, and every given of the question equal to the answer.
 */
public final class SudokuCsv {

    /** The header line of the layout. */
    public static final String HEADER = "source,question,answer,rating";

    /** What to do with a malformed row. */
    public enum OnBadRow {
        /** Throw a {@link SudokuCsvException} naming file, line and reason (the default). */
        FAIL,
        /** Skip the row, count it and remember the first few reasons. */
        SKIP
    }

    /**
     * What a read saw.
     *
     * @param accepted      rows handed to the consumer
     * @param skipped       malformed rows skipped (always 0 under {@link OnBadRow#FAIL})
     * @param firstProblems the first {@value #PROBLEMS_KEPT} skip reasons, each one line with file and line number
     */
    public record ReadSummary(long accepted, long skipped, List<String> firstProblems) {
        public ReadSummary {
            firstProblems = List.copyOf(firstProblems);
        }
    }

    static final int PROBLEMS_KEPT = 10;

    private SudokuCsv() {
    }

    /**
     * Streams every valid row of {@code file} into {@code sink}, in file order.
     *
     * @throws SudokuCsvException   on a bad header, or a bad row under {@link OnBadRow#FAIL}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ReadSummary read(Path file, BoxShape shape, OnBadRow onBadRow, Consumer<Puzzle> sink) {
        long accepted = 0;
        long skipped = 0;
        List<String> problems = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new SudokuCsvException(file, 1, "file is empty, expected the header '" + HEADER + "'");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            if (!header.strip().equals(HEADER)) {
                throw new SudokuCsvException(file, 1, "header is '" + header + "', expected '" + HEADER + "'");
            }
            long lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Puzzle puzzle;
                try {
                    puzzle = parseRow(line, shape);
                } catch (IllegalArgumentException e) {
                    SudokuCsvException bad = new SudokuCsvException(file, lineNumber, e.getMessage());
                    if (onBadRow == OnBadRow.FAIL) {
                        throw bad;
                    }
                    skipped++;
                    if (problems.size() < PROBLEMS_KEPT) {
                        problems.add(bad.getMessage());
                    }
                    continue;
                }
                sink.accept(puzzle);
                accepted++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Sudoku CSV " + file + ": " + e.getMessage(), e);
        }
        return new ReadSummary(accepted, skipped, problems);
    }

    /** Parses one data row; the message of the exception is the reason without a location. */
    static Puzzle parseRow(String line, BoxShape shape) {
        int c1 = line.indexOf(',');
        int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
        int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
        if (c3 < 0 || line.indexOf(',', c3 + 1) >= 0) {
            throw new IllegalArgumentException("expected 4 comma-separated fields (" + HEADER + "), found "
                    + (line.chars().filter(ch -> ch == ',').count() + 1));
        }
        String source = line.substring(0, c1);
        byte[] question = parseGrid("question", line.substring(c1 + 1, c2), shape, true);
        byte[] answer = parseGrid("answer", line.substring(c2 + 1, c3), shape, false);
        String ratingText = line.substring(c3 + 1).strip();
        long rating;
        try {
            rating = Long.parseLong(ratingText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rating '" + ratingText + "' is not an integer");
        }
        String invalid = SudokuRules.solutionViolation(shape, answer);
        if (invalid != null) {
            throw new IllegalArgumentException("answer is not a valid grid: " + invalid);
        }
        String inconsistent = SudokuRules.consistencyViolation(question, answer);
        if (inconsistent != null) {
            throw new IllegalArgumentException("answer contradicts the question: " + inconsistent);
        }
        return new Puzzle(shape, question, answer, source, rating);
    }

    private static byte[] parseGrid(String field, String text, BoxShape shape, boolean blanksAllowed) {
        int n = shape.size();
        if (text.length() != shape.cellCount()) {
            throw new IllegalArgumentException(field + " has " + text.length() + " characters, expected "
                    + shape.cellCount() + " for box " + shape);
        }
        byte[] grid = new byte[text.length()];
        for (int i = 0; i < grid.length; i++) {
            char ch = text.charAt(i);
            if (ch >= '1' && ch <= '0' + n) {
                grid[i] = (byte) (ch - '0');
            } else if (blanksAllowed && (ch == '.' || ch == '0')) {
                grid[i] = 0;
            } else {
                throw new IllegalArgumentException(field + " character '" + ch + "' at position " + (i + 1)
                        + ", expected " + (blanksAllowed ? "'.', '0' or " : "") + "a digit 1-" + n);
            }
        }
        return grid;
    }

    /**
     * Writes {@code puzzles} in the layout (blanks as {@code .}), to a temporary file in the same directory that
     * is then atomically renamed to {@code file}: readers never see a half-written file.
     *
     * @return the number of rows written
     * @throws IllegalArgumentException if a source contains a comma or a line break, or puzzles mix box shapes
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static long write(Path file, Iterable<Puzzle> puzzles) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        long rows = 0;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, absolute.getFileName().toString(), ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                BoxShape shape = null;
                for (Puzzle puzzle : puzzles) {
                    if (shape == null) {
                        shape = puzzle.shape();
                    } else if (!shape.equals(puzzle.shape())) {
                        throw new IllegalArgumentException("puzzle " + puzzle.source() + " has box " + puzzle.shape()
                                + " but the file already holds box " + shape);
                    }
                    out.write(formatRow(puzzle));
                    out.write('\n');
                    rows++;
                }
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Sudoku CSV " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    static String formatRow(Puzzle puzzle) {
        String source = puzzle.source();
        if (source.indexOf(',') >= 0 || source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("source '" + source + "' contains a comma or line break, which the "
                    + "unquoted CSV layout cannot hold");
        }
        return source + ',' + formatGrid(puzzle.question()) + ',' + formatGrid(puzzle.answer()) + ',' + puzzle.rating();
    }

    /** One character per cell, {@code .} for blank. */
    public static String formatGrid(byte[] grid) {
        char[] chars = new char[grid.length];
        for (int i = 0; i < grid.length; i++) {
            chars[i] = grid[i] == 0 ? '.' : (char) ('0' + grid[i]);
        }
        return new String(chars);
    }
}
