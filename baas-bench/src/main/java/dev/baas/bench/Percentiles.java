package dev.baas.bench;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank. */
public final class Percentiles {
    private final double[] sorted;

    public Percentiles(double[] values) {
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public double p(double percentile) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
