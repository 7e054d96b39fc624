package io.recurbench.harness.run;

import java.util.List;

/**
 * {@code manifest.json} of a run directory: what ran, from which code, where. Written when the
 * suite starts, so an interrupted directory still says what it was.
 *
 * @param suite       the suite's name
 * @param source      where the config came from (a file path or {@code preset quick})
 * @param config      the canonical resolved config (YAML text, also in {@code config.yaml})
 * @param configHash  {@code sha256:} of {@code config}
 * @param gitSha      commit of the harness ({@code -dirty} when the work tree had changes), or {@code unknown}
 * @param jdk         JVM name and runtime version
 * @param os          OS name, version and architecture
 * @param backend     backend name
 * @param device      the device in words
 * @param tvmVersion  TVM version for TVM backends, else {@code null}
 * @param seeds       the suite's seeds
 * @param started     UTC start time (ISO-8601)
 */
public record Manifest(String suite, String source, String config, String configHash, String gitSha, String jdk,
                       String os, String backend, String device, String tvmVersion, List<Long> seeds,
                       String started) {}
