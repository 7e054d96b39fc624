package io.recurbench.api.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParameterSpecTest {

    private static final HyperParameterSpec SPEC = HyperParameterSpec.of("operator 'demo'",
            HyperParameter.integer("layers", 2, 1, 16, "blocks"),
            HyperParameter.real("expansion", 4.0, 0.5, 16.0, "MLP ratio"),
            HyperParameter.bool("rope", true, "rotary embeddings"),
            HyperParameter.choice("direction", "forward", List.of("forward", "bidirectional"), "scan direction"),
            HyperParameter.string("tag", "", "free text"));

    @Test
    void missingKeysTakeDefaults() {
        HyperParameters p = SPEC.defaults();
        assertThat(p.getInt("layers")).isEqualTo(2);
        assertThat(p.getDouble("expansion")).isEqualTo(4.0);
        assertThat(p.getBool("rope")).isTrue();
        assertThat(p.getString("direction")).isEqualTo("forward");
        assertThat(p.getString("tag")).isEmpty();
        assertThat(p.asMap().keySet()).containsExactly("layers", "expansion", "rope", "direction", "tag");
    }

    @Test
    void parsesWhatJacksonGivesAndCommandLineStrings() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("layers", 3L);
        raw.put("expansion", new BigDecimal("2.5"));
        raw.put("rope", "FALSE");
        raw.put("direction", "Bidirectional");
        raw.put("tag", "x");
        HyperParameters p = SPEC.parse(raw);
        assertThat(p.getInt("layers")).isEqualTo(3);
        assertThat(p.getDouble("expansion")).isEqualTo(2.5);
        assertThat(p.getBool("rope")).isFalse();
        assertThat(p.getString("direction")).isEqualTo("bidirectional");

        assertThat(SPEC.parse(Map.of("layers", "7")).getInt("layers")).isEqualTo(7);
        assertThat(SPEC.parse(Map.of("layers", 4.0)).getInt("layers")).isEqualTo(4);
        assertThat(SPEC.parse(Map.of("layers", BigInteger.TEN)).getInt("layers")).isEqualTo(10);
        assertThat(SPEC.parse(Map.of("expansion", 3)).getDouble("expansion")).isEqualTo(3.0);
    }

    @Test
    void badValuesFailWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> SPEC.parse(Map.of("layers", 17)))
                .hasMessage("operator 'demo': hyper-parameter 'layers': expected an int in [1, 16], got 17");
        assertThatThrownBy(() -> SPEC.parse(Map.of("layers", 2.5)))
                .hasMessage("operator 'demo': hyper-parameter 'layers': expected an int in [1, 16], got 2.5");
        assertThatThrownBy(() -> SPEC.parse(Map.of("layers", "two")))
                .hasMessage("operator 'demo': hyper-parameter 'layers': expected an int in [1, 16], got \"two\"");
        assertThatThrownBy(() -> SPEC.parse(Map.of("layers", true)))
                .hasMessage("operator 'demo': hyper-parameter 'layers': expected an int in [1, 16], got true");
        assertThatThrownBy(() -> SPEC.parse(Map.of("expansion", Double.NaN)))
                .hasMessageContaining("'expansion': expected a number in [0.5, 16.0], got NaN");
        assertThatThrownBy(() -> SPEC.parse(Map.of("rope", 1)))
                .hasMessage("operator 'demo': hyper-parameter 'rope': expected true or false, got 1");
        assertThatThrownBy(() -> SPEC.parse(Map.of("direction", "backward")))
                .hasMessage("operator 'demo': hyper-parameter 'direction': expected one of forward | bidirectional,"
                        + " got \"backward\"");
        assertThatThrownBy(() -> SPEC.parse(Map.of("tag", 5)))
                .hasMessage("operator 'demo': hyper-parameter 'tag': expected a string, got 5");
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("layers", null);
        assertThatThrownBy(() -> SPEC.parse(withNull)).hasMessageContaining("'layers'").hasMessageContaining("got null");
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        assertThatThrownBy(() -> SPEC.parse(Map.of("layer", 2)))
                .hasMessage("operator 'demo': unknown hyper-parameter 'layer'; known: "
                        + "[layers, expansion, rope, direction, tag]");
    }

    @Test
    void withReparsesAndKeepsTheRest() {
        HyperParameters p = SPEC.defaults().with("layers", 5);
        assertThat(p.getInt("layers")).isEqualTo(5);
        assertThat(p.getDouble("expansion")).isEqualTo(4.0);
        assertThatThrownBy(() -> p.with("layers", 0)).hasMessageContaining("'layers'");
        assertThatThrownBy(() -> p.getDouble("layers")).hasMessageContaining("'layers' is Integer, not Double");
    }

    @Test
    void specRejectsBadDeclarations() {
        assertThatThrownBy(() -> HyperParameter.integer("n", 0, 1, 4, "")).hasMessageContaining("default 0 outside");
        assertThatThrownBy(() -> HyperParameter.integer("BadName", 1, 1, 4, "")).hasMessageContaining("lower_snake_case");
        assertThatThrownBy(() -> HyperParameter.choice("c", "z", List.of("a"), "")).hasMessageContaining("not one of");
        assertThatThrownBy(() -> HyperParameterSpec.of("x", HyperParameter.bool("a", true, ""),
                HyperParameter.bool("a", false, ""))).hasMessageContaining("declared twice");
    }

    @Test
    void modelDimsValidateWithOneLine() {
        assertThat(ModelDims.trmArc().sequenceLength()).isEqualTo(916);
        assertThat(ModelDims.trmSudoku().sequenceLength()).isEqualTo(97);
        assertThat(ModelDims.trmArc().headDim()).isEqualTo(64);
        assertThatThrownBy(() -> new ModelDims(512, 97, 16, 7, 4)).hasMessage(
                "model dims: heads must be positive and divide hiddenSize 512, got 7");
    }

    @Test
    void spiVersionMismatchIsNamed() {
        OperatorPlugin stale = new OperatorPlugin() {
            @Override public String name() { return "stale"; }
            @Override public String version() { return "0"; }
            @Override public int spiVersion() { return SPI_VERSION + 1; }
            @Override public String description() { return ""; }
            @Override public HyperParameterSpec hyperParameters() { return SPEC; }
            @Override public RecursiveOperator create(ModelDims dims, HyperParameters params) {
                return (h, s) -> h;
            }
        };
        assertThatThrownBy(() -> OperatorPlugin.checkCompatible(stale))
                .hasMessageContaining("'stale'").hasMessageContaining("version 2, this host provides version 1");
    }

    @Test
    void describeListsEveryParameterWithItsRangeAndDefault() {
        String help = SPEC.describe();
        assertThat(help.lines()).hasSize(5);
        assertThat(help).contains("layers").contains("an int in [1, 16]").contains("default 2")
                .contains("one of forward | bidirectional");
    }
}
