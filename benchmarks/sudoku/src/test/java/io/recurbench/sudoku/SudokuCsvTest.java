package io.recurbench.sudoku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudokuCsvTest {

    @TempDir
    Path dir;

    private static final String Q = SolverTest.EULER_QUESTION;
    private static final String A = SolverTest.EULER_ANSWER;

    private Path file(String... lines) throws IOException {
        Path file = dir.resolve("extreme.csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void readsTheSudokuExtremeLayoutWithDotAndZeroBlanks() throws IOException {
        Path file = file(SudokuCsv.HEADER,
                "a1b2c3," + Q.replace('0', '.') + "," + A + ",12",
                "d4e5f6," + Q + "," + A + ",0");
        List<Puzzle> read = new ArrayList<>();
        SudokuCsv.ReadSummary summary = SudokuCsv.read(file, BoxShape.THREE_BY_THREE, SudokuCsv.OnBadRow.FAIL, read::add);
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.skipped()).isZero();
        assertThat(read.get(0).question()).isEqualTo(SolverTest.grid(Q));
        assertThat(read.get(1).question()).isEqualTo(SolverTest.grid(Q));
        assertThat(read.get(0).answer()).isEqualTo(SolverTest.grid(A));
        assertThat(read.get(0).source()).isEqualTo("a1b2c3");
        assertThat(read.get(0).rating()).isEqualTo(12);
        assertThat(read.get(0).givens()).isEqualTo(32);
    }

    private static String wrongDigit(String grid, int index, char digit) {
        return grid.substring(0, index) + digit + grid.substring(index + 1);
    }

    @Test
    void eachMalformedRowFailsWithFileLineAndReason() throws IOException {
        String[][] cases = {
                {"s," + Q.substring(1) + "," + A + ",0", "question has 80 characters, expected 81"},
                {"s," + Q + "," + A + "9,0", "answer has 82 characters, expected 81"},
                {"s," + wrongDigit(Q, 4, 'x') + "," + A + ",0", "question character 'x' at position 5"},
                {"s," + Q + "," + wrongDigit(A, 0, '.') + ",0", "answer character '.' at position 1"},
                {"s," + Q + "," + wrongDigit(A, 0, '9') + ",0", "answer is not a valid grid: digit 9 twice in row 1"},
                {"s," + wrongDigit(Q, 0, '5') + "," + A + ",0", "answer contradicts the question: cell 1 is 5"},
                {"s," + Q + "," + A, "expected 4 comma-separated fields"},
                {"s," + Q + "," + A + ",hard", "rating 'hard' is not an integer"},
        };
        for (String[] c : cases) {
            Path file = file(SudokuCsv.HEADER, "ok," + Q + "," + A + ",1", c[0]);
            assertThatThrownBy(() -> SudokuCsv.read(file, BoxShape.THREE_BY_THREE, SudokuCsv.OnBadRow.FAIL, p -> { }))
                    .isInstanceOf(SudokuCsvException.class)
                    .hasMessageStartingWith(file + " line 3: ")
                    .hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void skipModeCountsBadRowsAndKeepsGoodOnes() throws IOException {
        Path file = file(SudokuCsv.HEADER,
                "bad1," + Q.substring(2) + "," + A + ",0",
                "good," + Q + "," + A + ",3",
                "",
                "bad2," + Q + "," + wrongDigit(A, 80, '1') + ",0",
                "good2," + Q + "," + A + ",4");
        List<Puzzle> read = new ArrayList<>();
        SudokuCsv.ReadSummary summary = SudokuCsv.read(file, BoxShape.THREE_BY_THREE, SudokuCsv.OnBadRow.SKIP, read::add);
        assertThat(summary.accepted()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(2);
        assertThat(read).extracting(Puzzle::source).containsExactly("good", "good2");
        assertThat(summary.firstProblems()).hasSize(2);
        assertThat(summary.firstProblems().get(0)).startsWith(file + " line 2: question has 79 characters");
        assertThat(summary.firstProblems().get(1)).startsWith(file + " line 5: answer is not a valid grid");
    }

    @Test
    void badHeaderAndEmptyFileFailEvenWhenSkipping() throws IOException {
        Path noHeader = file("s," + Q + "," + A + ",0");
        assertThatThrownBy(() -> SudokuCsv.read(noHeader, BoxShape.THREE_BY_THREE, SudokuCsv.OnBadRow.SKIP, p -> { }))
                .hasMessageStartingWith(noHeader + " line 1: header is 's,")
                .hasMessageContaining("expected 'source,question,answer,rating'");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SudokuCsv.read(empty, BoxShape.THREE_BY_THREE, SudokuCsv.OnBadRow.SKIP, p -> { }))
                .hasMessage(empty + " line 1: file is empty, expected the header 'source,question,answer,rating'");
    }

    @Test
    void writerRoundTripsGeneratedPuzzlesOfEveryShape() {
        for (BoxShape shape : new BoxShape[] {BoxShape.TWO_BY_TWO, BoxShape.TWO_BY_THREE, BoxShape.THREE_BY_THREE}) {
            Generator generator = new Generator(shape, 2, DifficultyRange.ANY);
            List<Puzzle> puzzles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                puzzles.add(generator.generate(i));
            }
            Path file = dir.resolve("gen-" + shape + ".csv");
            assertThat(SudokuCsv.write(file, puzzles)).isEqualTo(5);
            List<Puzzle> back = new ArrayList<>();
            SudokuCsv.read(file, shape, SudokuCsv.OnBadRow.FAIL, back::add);
            assertThat(back).isEqualTo(puzzles);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("keep.csv");
        Files.writeString(file, "old content\n");
        Puzzle good = new Generator(BoxShape.TWO_BY_TWO, 1, DifficultyRange.ANY).generate(0);
        Puzzle comma = new Puzzle(good.shape(), good.question(), good.answer(), "a,b", 0);
        assertThatThrownBy(() -> SudokuCsv.write(file, List.of(good, comma)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source 'a,b' contains a comma");
        assertThat(Files.readString(file)).isEqualTo("old content\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keep.csv");
        }
    }
}
