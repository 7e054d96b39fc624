package io.recurbench.harness.wiring;

import io.recurbench.engine.backend.Backend;
import io.recurbench.engine.cpu.CpuBackend;

/** The Java CPU backend (the reference every other backend is checked against). */
public final class CpuBackendFactory implements BackendFactory {
  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public String description() {
    return "Java CPU backend (Vector API kernels, work split over cores); the reference";
  }

  @Override
  public Availability availability() {
    return new Availability(true, Runtime.getRuntime().availableProcessors() + " cores");
  }

  @Override
  public Backend create() {
    return new CpuBackend();
  }
}
