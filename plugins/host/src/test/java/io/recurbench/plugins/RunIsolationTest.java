package io.recurbench.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunIsolationTest {

    private static final ClassLoader LOADER = RunIsolationTest.class.getClassLoader();
    private static final Duration LIMIT = Duration.ofSeconds(10);

    record Metrics(double loss, List<Double> curve) {}

    @Test
    void aFiniteResultIsOk() {
        RunOutcome<Metrics> o = RunIsolation.run("op", LIMIT, LOADER, () -> new Metrics(0.5, List.of(1.0, 0.5)));
        assertThat(o).isInstanceOfSatisfying(RunOutcome.Ok.class, ok -> assertThat(ok.value())
                .isEqualTo(new Metrics(0.5, List.of(1.0, 0.5))));
    }

    @Test
    void anExceptionBecomesAFailureNamingItAndWhereItWasThrown() {
        RunOutcome<Object> o = RunIsolation.run("op", LIMIT, LOADER, () -> {
            throw new IllegalStateException("boom");
        });
        assertThat(o).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(RunOutcome.Failure.EXCEPTION);
            assertThat(f.reason()).startsWith("threw IllegalStateException: boom at io.recurbench.plugins.RunIsolationTest");
        });
    }

    @Test
    void anErrorIsCaughtToo() {
        RunOutcome<Integer> o = RunIsolation.run("op", LIMIT, LOADER, RunIsolationTest::recurse);
        assertThat(o).isInstanceOfSatisfying(RunOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("threw StackOverflowError"));
    }

    private static int recurse() {
        return recurse() + 1;
    }

    @Test
    void nonFiniteNumbersInTheResultAreFound() {
        assertFailed(RunIsolation.run("op", LIMIT, LOADER, () -> new Metrics(0.1, List.of(1.0, Double.NaN))),
                RunOutcome.Failure.NON_FINITE, "result is not finite: curve[1] = NaN");
        assertFailed(RunIsolation.run("op", LIMIT, LOADER, () -> Map.of("acc", new double[] {0, Double.POSITIVE_INFINITY})),
                RunOutcome.Failure.NON_FINITE, "result is not finite: result[acc][1] = Infinity");
        assertFailed(RunIsolation.run("op", LIMIT, LOADER, () -> NonFiniteException.requireFinite("loss at step 3", Double.NaN)),
                RunOutcome.Failure.NON_FINITE, "loss at step 3 is NaN");
    }

    @Test
    void aRunPastItsLimitTimesOutAndIsInterrupted() throws Exception {
        var interrupted = new java.util.concurrent.CountDownLatch(1);
        RunOutcome<Object> o = RunIsolation.run("op", Duration.ofMillis(200), LOADER, () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        assertFailed(o, RunOutcome.Failure.TIMEOUT, "did not finish within 200 ms (its thread was interrupted)");
        assertThat(o.elapsed()).isEqualTo(Duration.ofMillis(200));
        assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theRunSeesThePluginsContextClassLoader() throws Exception {
        try (var loader = new PluginClassLoader("x", List.of(), LOADER)) {
            RunOutcome<ClassLoader> o = RunIsolation.run("op", LIMIT, loader,
                    () -> Thread.currentThread().getContextClassLoader());
            assertThat(o).isInstanceOfSatisfying(RunOutcome.Ok.class, ok -> assertThat(ok.value()).isSameAs(loader));
        }
    }

    private static void assertFailed(RunOutcome<?> o, RunOutcome.Failure kind, String reason) {
        assertThat(o).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.reason()).isEqualTo(reason);
        });
    }
}
