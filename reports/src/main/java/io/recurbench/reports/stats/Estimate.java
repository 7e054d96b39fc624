package io.recurbench.reports.stats;

/**
 * A point estimate with its confidence interval.
 *
 * @param point the statistic on the observed data
 * @param ci    the confidence interval (95% unless stated otherwise)
 */
public record Estimate(double point, Interval ci) {}
