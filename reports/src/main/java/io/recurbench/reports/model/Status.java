package io.recurbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Outcome of an operator (refused at load/parity time) or of a run (failed during training or
 * evaluation). A reason is required exactly when the state is not {@code ok}.
 *
 * @param state  what happened
 * @param reason one line for a human; {@code null} when the state is {@code ok}
 */
public record Status(State state, String reason) {

    /** The three outcomes, written in lower case in JSON. */
    public enum State {
        @JsonProperty("ok") OK,
        @JsonProperty("failed") FAILED,
        @JsonProperty("refused") REFUSED
    }

    public Status {
        Check.present("state", state);
        if (state == State.OK && reason != null) {
            throw new IllegalArgumentException("reason: must be null when state is ok");
        }
        if (state != State.OK) {
            Check.text("reason", reason);
        }
    }

    /** The status of a run or operator that completed. */
    public static Status ok() {
        return new Status(State.OK, null);
    }

    public static Status failed(String reason) {
        return new Status(State.FAILED, reason);
    }

    public static Status refused(String reason) {
        return new Status(State.REFUSED, reason);
    }

    /** Whether the state is {@code ok} (named without a get/is prefix so JSON does not see it). */
    public boolean succeeded() {
        return state == State.OK;
    }
}
