package io.recurbench.sudoku;

import java.nio.file.Path;

/** A malformed Sudoku CSV: the message is one line naming the file, the line number and what was expected. */
public final class SudokuCsvException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long line;
    private final String reason;

    public SudokuCsvException(Path file, long line, String reason) {
        super(file + " line " + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number (the header is line 1). */
    public long line() {
        return line;
    }

    /** What was wrong, without the location. */
    public String reason() {
        return reason;
    }
}
