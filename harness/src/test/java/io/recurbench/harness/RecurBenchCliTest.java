package io.recurbench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecurBenchCliTest {
  @Test
  void withoutArgumentsPrintsUsageListingTheBenchCommand() {
    CliRun run = CliRun.of();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: recurbench").contains("bench");
  }

  @Test
  void benchWithoutSubcommandListsGemm() {
    CliRun run = CliRun.of("bench");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: recurbench bench").contains("gemm");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument").contains("frobnicate");
  }
}
