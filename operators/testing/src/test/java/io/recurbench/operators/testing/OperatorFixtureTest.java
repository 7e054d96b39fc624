package io.recurbench.operators.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recurbench.api.Initializer;
import io.recurbench.api.Shape;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the fixture adds on top of the kit's harness: the trace shape check and the determinism check. */
class OperatorFixtureTest {
    private static final ModelDims DIMS = new ModelDims(4, 3, 1, 2, 2);

    /** {@code h · w} with one parameter {@code w [D]} named {@code weight}. */
    private static RecursiveOperator scale(String weight) {
        return (h, scope) -> h.mul(scope.parameter(weight, Shape.of(DIMS.hiddenSize()), Initializer.ones()));
    }

    @Test
    void aDeterministicOperatorPassesAndALeakyOneFails() {
        assertThatCode(() -> OperatorFixture.assertDeterministic(() -> scale("w"), DIMS, 2)).doesNotThrowAnyException();
        // each instance names its weight after a counter they share: state leaks between instances
        AtomicInteger instances = new AtomicInteger();
        assertThatThrownBy(() -> OperatorFixture.assertDeterministic(() -> scale("w" + instances.getAndIncrement()),
                DIMS, 2))
                .isInstanceOf(AssertionError.class).hasMessage("two instances trace different graphs");
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
