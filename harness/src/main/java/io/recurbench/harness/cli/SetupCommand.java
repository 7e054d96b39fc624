package io.recurbench.harness.cli;

import io.recurbench.harness.UserError;
import io.recurbench.tvm.TvmSetup;
import io.recurbench.tvm.ffi.TvmException;
import io.recurbench.tvm.ffi.TvmFfi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code recurbench setup tvm}: installs or checks what the TVM backends need (the tvm module's {@link TvmSetup}). */
@Command(name = "setup", mixinStandardHelpOptions = true,
    description = "Installs or checks an optional component: 'tvm' (the pinned apache-tvm Python environment).")
public final class SetupCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "COMPONENT", description = "tvm")
  String component;

  @Override
  public Integer call() {
    if (!component.equals("tvm")) {
      throw new UserError("setup: unknown component '" + component + "'; known: tvm");
    }
    var err = spec.commandLine().getErr();
    try {
      TvmSetup.Environment env = TvmSetup.ensure(TvmSetup.defaultVenv(), TvmSetup.defaultCache(), line -> {
        err.println(line);
        err.flush();
      });
      TvmFfi ffi = TvmFfi.load(env.installation());
      spec.commandLine().getOut().println("TVM ready: venv " + env.installation().venv() + ", tvm-ffi ABI "
          + ffi.versionString() + ", cache " + env.cacheDir());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (TvmException e) {
      throw new UserError("setup tvm: " + e.getMessage(), e);
    }
  }
}
