package io.recurbench.reports.model;

import java.io.Serial;

/**
 * A results file that cannot be read: the message is one line naming the file, the JSON path of the
 * offending value (e.g. {@code $.runs[2].metrics.kind}) and what was expected.
 */
public final class ResultsFormatException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
