package io.recurbench.operators.mamba2;

import io.recurbench.api.Initializer;
import io.recurbench.api.NN;
import io.recurbench.api.ParameterScope;
import io.recurbench.api.Shape;
import io.recurbench.api.Tensor;
import io.recurbench.api.layers.Linear;

/**
 * One Mamba-2 sub-layer {@code [B, L, D] -> [B, L, D]} as the reference {@code Mamba2} module
 * computes it (state-spaces/mamba, {@code mamba_ssm/modules/mamba2.py}; Dao &amp; Gu, "Transformers
 * are SSMs", arXiv:2405.21060):
 * <ol>
 *   <li>{@code in_proj} (no bias) to {@code [z | x | B | C | dt]} of widths
 *       {@code d_inner, d_inner, G·N, G·N, H};</li>
 *   <li>causal depthwise {@code conv} over {@code x, B, C} (kernel {@code d_conv}, with bias), then SiLU;</li>
 *   <li>{@code dt = softplus(dt + dt_bias)}, {@code A = −exp(A_log)}, the {@link SsdScan SSD scan}
 *       plus the skip {@code D·x};</li>
 *   <li>gated RMSNorm with a learned weight, {@code norm(y · silu(z))}, over groups of
 *       {@code d_inner / G} channels (the reference's {@code RMSNormGated}, {@code norm_before_gate=False});</li>
 *   <li>{@code out_proj} (no bias).</li>
 * </ol>
 * Initialisation follows the reference: {@code A_log = log(U[1, 16])}, {@code dt_bias} the inverse
 * softplus of a log-uniform step in {@code [0.001, 0.1]} floored at 1e-4, {@code D = 1}, norm weight 1,
 * conv weight and bias {@code U(±1/sqrt(d_conv))} (PyTorch's default for a depthwise conv). The two
 * projections use TRM's truncated LeCun normal like every other projection of this project, instead
 * of PyTorch's default uniform; the count is unaffected.
 *
 * <p>Extension ({@code bidirectional}): the paper's scan is causal. Bidirectional mode adds a second
 * scan over the reversed sequence with the same parameters and sums the two outputs,
 * {@code y = scan(x) + reverse(scan(reverse(x))) + D·x}; each direction includes position t itself.
 * The convolution stays causal. Parameters and count are unchanged.
 */
public record Mamba2Layer(Mamba2Config config, double eps) {

    public Tensor apply(Tensor u, ParameterScope scope) {
        Mamba2Config cfg = config;
        int bsz = u.dim(0);
        int len = u.dim(1);
        int di = cfg.dInner();
        int gn = cfg.nGroups() * cfg.dState();
        int heads = cfg.nHeads();

        Tensor zxbcdt = new Linear(cfg.dModel(), cfg.inProjSize()).apply(u, scope.child("in_proj"));
        Tensor z = zxbcdt.slice(-1, 0, di);
        Tensor xbc = zxbcdt.slice(-1, di, di + cfg.convDim());
        Tensor dtRaw = zxbcdt.slice(-1, di + cfg.convDim(), cfg.inProjSize());

        double bound = 1.0 / Math.sqrt(cfg.dConv());
        ParameterScope conv = scope.child("conv");
        Tensor convWeight = conv.parameter("weight", Shape.of(cfg.convDim(), cfg.dConv()),
                new Initializer.Uniform(-bound, bound));
        Tensor convBias = conv.parameter("bias", Shape.of(cfg.convDim()), new Initializer.Uniform(-bound, bound));
        xbc = NN.silu(NN.causalDepthwiseConv1d(xbc, convWeight, convBias));
        Tensor x = xbc.slice(-1, 0, di).reshape(bsz, len, heads, cfg.headDim());
        Tensor b = xbc.slice(-1, di, di + gn).reshape(bsz, len, cfg.nGroups(), cfg.dState());
        Tensor c = xbc.slice(-1, di + gn, di + 2 * gn).reshape(bsz, len, cfg.nGroups(), cfg.dState());

        Tensor dtBias = scope.parameter("dt_bias", Shape.of(heads),
                new Initializer.InverseSoftplusLogUniform(0.001, 0.1, 1e-4));
        Tensor aLog = scope.parameter("A_log", Shape.of(heads), new Initializer.LogUniform(1, 16));
        Tensor skip = scope.parameter("D", Shape.of(heads), Initializer.ones());
        Tensor dt = NN.softplus(dtRaw.add(dtBias));
        Tensor a = aLog.exp().neg();

        Tensor y = SsdScan.scan(x, dt, a, b, c, cfg.chunk());
        if (cfg.bidirectional()) {
            Tensor back = SsdScan.scan(SsdScan.reverseSequence(x), SsdScan.reverseSequence(dt), a,
                    SsdScan.reverseSequence(b), SsdScan.reverseSequence(c), cfg.chunk());
            y = y.add(SsdScan.reverseSequence(back));
        }
        y = y.add(x.mul(skip.reshape(heads, 1))).reshape(bsz, len, di);

        Tensor gated = y.mul(NN.silu(z)).reshape(bsz, len, cfg.nGroups(), di / cfg.nGroups());
        Tensor normWeight = scope.child("norm").parameter("weight", Shape.of(di), Initializer.ones());
        Tensor normed = NN.rmsNorm(gated, (float) eps).reshape(bsz, len, di).mul(normWeight);
        return new Linear(di, cfg.dModel()).apply(normed, scope.child("out_proj"));
    }
}
