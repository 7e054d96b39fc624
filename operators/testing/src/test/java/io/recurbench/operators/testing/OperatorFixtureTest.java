package io.recurbench.operators.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the fixture adds on top of the kit's harness: the trace shape check and the determinism check. */
class OperatorFixtureTest {
    private static final ModelDims DIMS = new ModelDims(4, 3, 1, 2, 2);

    /** {@code h · w} with one parameter {@code w [D]}; {@code leaky} names it after a shared counter. */
    private record Scale(boolean leaky, AtomicInteger instances) implements OperatorPlugin {
        @Override
        public String name() {
            return leaky ? "leaky-scale" : "scale";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public String description() {
            return "h times a weight, for the fixture's own tests";
        }

        @Override
        public HyperParameterSpec hyperParameters() {
            return HyperParameterSpec.of("operator '" + name() + "'");
        }

        @Override
        public RecursiveOperator create(ModelDims dims, HyperParameters params) {
            String weight = leaky ? "w" + instances.getAndIncrement() : "w";
            return (h, scope) -> h.mul(scope.parameter(weight, Shape.of(dims.hiddenSize()), Initializer.ones()));
        }
    }

    @Test
    void aDeterministicOperatorPassesAndALeakyOneFails() {
        Scale ok = new Scale(false, new AtomicInteger());
        assertThatCode(() -> OperatorFixture.assertDeterministic(ok, DIMS, ok.hyperParameters().defaults(), 2))
                .doesNotThrowAnyException();
        Scale leaky = new Scale(true, new AtomicInteger());
        assertThatThrownBy(() -> OperatorFixture.assertDeterministic(leaky, DIMS, leaky.hyperParameters().defaults(), 2))
                .isInstanceOf(AssertionError.class).hasMessage("leaky-scale: two instances trace different graphs");
    }

    @Test
    void traceRejectsAnOperatorThatChangesTheShape() {
        RecursiveOperator halves = (h, scope) -> h.slice(2, 0, 2);
        assertThatThrownBy(() -> OperatorFixture.trace(halves, DIMS, 2)).isInstanceOf(AssertionError.class)
                .hasMessage("operator returned [2, 3, 2] for hidden [2, 3, 4]");
        assertThat(OperatorFixture.trace((h, scope) -> h.neg(), DIMS, 2).output(OperatorFixture.OUTPUT).shape())
                .isEqualTo(Shape.of(2, 3, 4));
    }

    @Test
    void anUnknownPluginNameFailsWithWhatWasFound() {
        assertThatThrownBy(() -> OperatorFixture.plugin("no-such-operator")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("no operator plugin 'no-such-operator' on the class path; found [");
    }
}
