package io.recurbench.arc;

/** ARC data that does not match the expected layout; the message is one line naming file and field. */
public final class ArcFormatException extends IllegalArgumentException {
    public ArcFormatException(String message) {
        super(message);
    }

    public ArcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
