package io.recurbench.plugins.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The kit run on a correct operator and on operators with one bug each ({@link BrokenOperatorKits}):
 * the correct one passes every test, and each bug fails exactly the tests meant to catch it.
 */
class KitCatchesBrokenOperatorsTest {

    private static Set<String> failures(Class<?> testClass) {
        var request = LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(testClass))
                .configurationParameter(BrokenOperatorKits.OnlyUnderThisTest.KEY, "true").build();
        var listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        assertThat(listener.getSummary().getTestsSucceededCount() + listener.getSummary().getTestsFailedCount())
                .as("all ten contract tests ran").isEqualTo(10);
        Set<String> failed = new TreeSet<>();
        listener.getSummary().getFailures().forEach(f -> failed.add(f.getTestIdentifier().getDisplayName()));
        return failed;
    }

    @Test
    void aCorrectOperatorPassesEverything() {
        assertThat(failures(BrokenOperatorKits.Correct.class)).isEmpty();
    }

    @Test
    void leakingStateFailsTheDeterminismAndSharingTests() {
        assertThat(failures(BrokenOperatorKits.Leaky.class)).contains("twoTracesGiveIdenticalGraphs()", "aSecondCallSharesTheParameters()");
    }

    @Test
    void aMissingGradientFailsTheGradientCheckOnly() {
        assertThat(failures(BrokenOperatorKits.NoGradient.class)).containsExactly("gradientsMatchCentralDifferences()");
    }

    @Test
    void aFormulationThatOverflowsInFloat32FailsTheFloat32TestOnly() {
        assertThat(failures(BrokenOperatorKits.OverflowsInFloat32.class))
                .containsExactly("float32CpuBackendAgreesWithTheFloat64Reference()");
    }

    @Test
    void aWrongShapeFailsTheShapeTest() {
        assertThat(failures(BrokenOperatorKits.WrongShape.class)).contains("returnsItsInputShapeForSeveralBatchSizesAndLengths()");
    }

    @Test
    void anOperatorIgnoringItsInputFailsTheSeedTest() {
        assertThat(failures(BrokenOperatorKits.Constant.class)).contains("sameSeedSameNumbersOtherSeedOtherNumbers()");
    }

    @Test
    void aWrongClaimAndAShrinkingKnobFailTheCountTests() {
        assertThat(failures(BrokenOperatorKits.WrongCount.class)).containsExactly("parameterCountIsTheSumOfTheDeclarations()",
                "parityKnobsDoNotDecreaseTheCount()");
    }
}
