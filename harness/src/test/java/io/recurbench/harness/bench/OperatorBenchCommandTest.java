package io.recurbench.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.recurbench.harness.CliRun;
import io.recurbench.harness.CopyInputScaffold;
import io.recurbench.harness.TestApp;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperatorBenchCommandTest {
  @Test
  void printsOneRowPerOperatorAndBackendWithRatiosToTheFirst() {
    CliRun run = CliRun.with(TestApp.with(new CopyInputScaffold()), "bench", "operators", "--operators",
        "transformer,mlp-mixer", "--batch", "2", "--sequence", "4", "--hidden", "8", "--heads", "2", "--samples", "1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Pattern row = Pattern.compile("(?m)^(\\S+)\\s+cpu\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)$");
    Matcher m = row.matcher(run.out());
    List<double[]> rows = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
      rows.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
          Double.parseDouble(m.group(4))});
    }
    assertThat(names).containsExactly("transformer", "mlp-mixer");
    assertThat(rows.get(0)[2]).isEqualTo(1.0);
    // examples/s = B / (ms per call / 1000), and the ratio is relative to the first row.
    for (double[] r : rows) {
      assertThat(r[1]).isCloseTo(2 / (r[0] / 1e3), org.assertj.core.data.Percentage.withPercentage(1));
    }
    assertThat(rows.get(1)[2]).isCloseTo(rows.get(1)[1] / rows.get(0)[1], org.assertj.core.data.Offset.offset(0.002));
  }

  @Test
  void unknownOperatorOrBackendIsOneLine() {
    var app = TestApp.with(new CopyInputScaffold());
    CliRun run = CliRun.with(app, "bench", "operators", "--operators", "lstm");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("recurbench: bench operators: unknown operator 'lstm'; loaded: [");
    run = CliRun.with(app, "bench", "operators", "--backends", "fpga");
    assertThat(run.err()).startsWith("recurbench: bench operators: unknown backend 'fpga'; known: ");
  }
}
