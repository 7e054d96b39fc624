package io.recurbench.harness.wiring;

import io.recurbench.engine.backend.Backend;
import io.recurbench.harness.UserError;
import io.recurbench.tvm.TvmBackend;
import io.recurbench.tvm.TvmSetup;
import io.recurbench.tvm.ffi.TvmException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tvm-llvm} or {@code tvm-cuda}: created lazily, and only when the TVM Python environment
 * exists, so that a missing venv is one line with the command that installs it rather than a pip
 * download in the middle of a comparison.
 */
public final class TvmBackendFactory implements BackendFactory {
  private final boolean cuda;

  private TvmBackendFactory(boolean cuda) {
    this.cuda = cuda;
  }

  public static TvmBackendFactory llvm() {
    return new TvmBackendFactory(false);
  }

  public static TvmBackendFactory cuda() {
    return new TvmBackendFactory(true);
  }

  @Override
  public String name() {
    return cuda ? "tvm-cuda" : "tvm-llvm";
  }

  @Override
  public String description() {
    return cuda ? "Apache TVM, compiled for the NVIDIA GPU 0 (CUDA, DLight schedules)"
        : "Apache TVM, compiled for this CPU (LLVM)";
  }

  @Override
  public Availability availability() {
    Path venv = TvmSetup.defaultVenv();
    if (!Files.isDirectory(venv)) {
      return new Availability(false, "TVM environment missing at " + venv + "; run: ./recurbench setup tvm");
    }
    if (cuda && !Files.exists(Path.of("/dev/nvidia0"))) {
      return new Availability(false, "no NVIDIA GPU visible here (/dev/nvidia0 is missing); venv " + venv);
    }
    return new Availability(true, "venv " + venv);
  }

  @Override
  public Backend create() {
    Availability a = availability();
    if (!a.available()) {
      throw new UserError("backend '" + name() + "': " + a.detail());
    }
    try {
      TvmSetup.Environment env = TvmSetup.ensure(TvmSetup.defaultVenv(), TvmSetup.defaultCache(), System.err::println);
      return cuda ? TvmBackend.cuda(0, null, env, System.err::println) : TvmBackend.llvm(env, System.err::println);
    } catch (TvmException e) {
      throw new UserError("backend '" + name() + "': " + e.getMessage() + " (check: ./recurbench setup tvm)", e);
    }
  }
}
