package io.recurbench.harness.wiring;

/**
 * A plugin the harness will not run, and why (one line). Listed by {@code recurbench list operators}
 * and recorded in results as a {@code refused} operator when a suite names it.
 *
 * @param name    the plugin's name, or the class/jar name when it could not even be instantiated
 * @param version the plugin's declared version, or {@code ?} when unknown
 * @param source  where it was found
 * @param reason  why it was refused
 */
public record RefusedOperator(String name, String version, String source, String reason) {}
