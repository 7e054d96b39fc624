package io.recurbench.reports.model;

import java.util.HashSet;
import java.util.List;

/**
 * What was run and where: the manifest of a comparison suite.
 *
 * @param name             the suite's name (config file stem or preset name)
 * @param configHash       hash of the fully resolved configuration (e.g. {@code sha256:…})
 * @param gitSha           commit of the harness that ran the suite
 * @param jdk              {@code java.vm.name} and {@code java.runtime.version}
 * @param os               {@code os.name os.version (os.arch)}
 * @param backend          backend id ({@code cpu}, {@code tvm-llvm}, {@code tvm-cuda})
 * @param device           the device in words (CPU model and cores, or GPU name)
 * @param tvmVersion       TVM version for TVM backends; {@code null} on the Java CPU backend
 * @param seeds            the seeds every operator × task was run with, in run order, distinct
 * @param budgetTolerance  allowed relative parameter-count deviation from the budget (0.005 = ±0.5%)
 * @param wallTimeSeconds  wall time of the whole suite
 */
public record Suite(String name, String configHash, String gitSha, String jdk, String os, String backend,
                    String device, String tvmVersion, List<Long> seeds, double budgetTolerance,
                    double wallTimeSeconds) {

    public Suite {
        Check.text("name", name);
        Check.text("configHash", configHash);
        Check.text("gitSha", gitSha);
        Check.text("jdk", jdk);
        Check.text("os", os);
        Check.text("backend", backend);
        Check.text("device", device);
        if (tvmVersion != null) {
            Check.text("tvmVersion", tvmVersion);
        }
        seeds = Check.list("seeds", seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds: expected at least one seed");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("seeds: expected distinct seeds, got " + seeds);
        }
        Check.unit("budgetTolerance", budgetTolerance);
        Check.nonNegative("wallTimeSeconds", wallTimeSeconds);
    }
}
