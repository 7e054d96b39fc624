package io.recurbench.harness;

import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.RecursiveOperator;

/** A broken third-party plugin for tests: its block flattens the hidden state, which the host must refuse. */
public final class WrongShapePlugin implements OperatorPlugin {
  @Override
  public String name() {
    return "wrong-shape";
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public int spiVersion() {
    return SPI_VERSION;
  }

  @Override
  public String description() {
    return "test plugin that returns [B*S*D] instead of [B, S, D]";
  }

  @Override
  public HyperParameterSpec hyperParameters() {
    return HyperParameterSpec.of("operator 'wrong-shape'");
  }

  @Override
  public RecursiveOperator create(ModelDims dims, HyperParameters params) {
    return (hidden, scope) -> hidden.reshape(-1);
  }
}
