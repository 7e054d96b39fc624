package io.recurbench.plugins.tck;

import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.operator.HyperParameter;
import io.recurbench.api.operator.HyperParameterSpec;
import io.recurbench.api.operator.HyperParameters;
import io.recurbench.api.operator.ModelDims;
import io.recurbench.api.operator.OperatorPlugin;
import io.recurbench.api.operator.ParityKnob;
import io.recurbench.api.operator.RecursiveOperator;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Contract-test subclasses for {@link KitCatchesBrokenOperatorsTest}: one correct block and blocks
 * with one bug each. Not named like tests, so the build's test runner never picks them up; the
 * condition below also keeps them off when an IDE or a pattern selects them.
 */
final class BrokenOperatorKits {
    private BrokenOperatorKits() {}

    /** A block {@code rmsNorm(h + tanh(h W1) W2)}; each subclass breaks one thing. */
    static class Block implements OperatorPlugin {
        @Override
        public String name() {
            return "kit-probe";
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
            return "a block for the kit's own tests";
        }

        @Override
        public HyperParameterSpec hyperParameters() {
            return HyperParameterSpec.of("operator 'kit-probe'", HyperParameter.integer("width", 3, 1, 64, "inner width"),
                    HyperParameter.real("scale", 0.5, 0, 10, "a real"), HyperParameter.choice("mode", "a", List.of("a", "b"), "a choice"));
        }

        @Override
        public List<ParityKnob> parityKnobs() {
            return List.of(new ParityKnob("width", 1, 64, "inner width"));
        }

        int innerWidth(int width) {
            return width;
        }

        Tensor inner(Tensor t) {
            return t;
        }

        String weightName() {
            return "w2";
        }

        @Override
        public RecursiveOperator create(ModelDims dims, HyperParameters params) {
            int d = dims.hiddenSize();
            int w = innerWidth(params.getInt("width"));
            return (h, scope) -> {
                Tensor w1 = scope.parameter("w1", Shape.of(d, w), Initializer.truncatedNormal(0.5));
                Tensor w2 = scope.parameter(weightName(), Shape.of(w, d), Initializer.truncatedNormal(0.5));
                return NN.rmsNorm(h.add(inner(h.matmul(w1).tanh()).matmul(w2)), 1e-5f);
            };
        }
    }

    @ExtendWith(OnlyUnderThisTest.class)
    static class Correct extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block();
        }

        @Override
        protected OptionalLong claimedParameterCount(ModelDims dims, HyperParameters params) {
            return OptionalLong.of(2L * dims.hiddenSize() * params.getInt("width"));
        }
    }

    /** Names a parameter after a call counter: state leaks between calls, weights are not shared. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class Leaky extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                private int calls;

                @Override
                String weightName() {
                    return "w2_" + calls++;
                }
            };
        }
    }

    /** An accidental stopGradient: reverse mode misses the path through W1. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class NoGradient extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                @Override
                Tensor inner(Tensor t) {
                    return t.stopGradient();
                }
            };
        }
    }

    /** Returns only the first half of the hidden width. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class WrongShape extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                @Override
                public RecursiveOperator create(ModelDims dims, HyperParameters params) {
                    RecursiveOperator ok = super.create(dims, params);
                    return (h, scope) -> ok.apply(h, scope).slice(-1, 0, dims.hiddenSize() / 2);
                }
            };
        }
    }

    /** {@code u·exp(b)·exp(−b)} with {@code b} scaled to ±120: exact in float64; in float32 exp(120) is Inf and the product NaN. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class OverflowsInFloat32 extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                @Override
                Tensor inner(Tensor t) {
                    Tensor big = t.div(t.abs().max(true, -1).add(1e-3f)).mul(3f).mul(40f);
                    return t.mul(big.exp()).mul(big.neg().exp());
                }
            };
        }
    }

    /** Ignores its input and parameters. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class Constant extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                @Override
                public RecursiveOperator create(ModelDims dims, HyperParameters params) {
                    return (h, scope) -> h.mul(0f).add(1f);
                }
            };
        }
    }

    /** Claims a count its declarations do not have, and its knob shrinks the count. */
    @ExtendWith(OnlyUnderThisTest.class)
    static class WrongCount extends OperatorContractTest {
        @Override
        protected OperatorPlugin plugin() {
            return new Block() {
                @Override
                int innerWidth(int width) {
                    return 65 - width;
                }
            };
        }

        @Override
        protected OptionalLong claimedParameterCount(ModelDims dims, HyperParameters params) {
            return OptionalLong.of(2L * dims.hiddenSize() * params.getInt("width"));
        }
    }

    /** Runs these kits only under the launcher of {@link KitCatchesBrokenOperatorsTest}. */
    static final class OnlyUnderThisTest implements ExecutionCondition {
        static final String KEY = "recurbench.tck.self-test";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("run by KitCatchesBrokenOperatorsTest")
                    : ConditionEvaluationResult.disabled("a fixture of KitCatchesBrokenOperatorsTest");
        }
    }

}
