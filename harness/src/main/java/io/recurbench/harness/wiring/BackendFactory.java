package io.recurbench.harness.wiring;

import io.recurbench.engine.backend.Backend;

/**
 * A backend by name, created only when a command needs it: constructing a TVM backend runs the
 * Python bridge, which {@code list backends} must not do.
 */
public interface BackendFactory {
  String name();

  /** One line for {@code recurbench list backends}. */
  String description();

  /** Whether the backend can be created here, or what is missing (one line). */
  Availability availability();

  /** Creates the backend; fails with a {@link io.recurbench.harness.UserError} saying how to set it up. */
  Backend create();

  /**
   * Whether a backend can be created on this machine.
   *
   * @param available whether {@link #create} is expected to work
   * @param detail    where it runs, or what is missing and how to fix it
   */
  record Availability(boolean available, String detail) {}
}
