package dev.baas.core;

import dev.baas.spi.BaasException;
import dev.baas.spi.RecordingMode;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many bots one node runs at once, in units: a bot takes as many units as its recording mode weighs. A bot that
 * finds no room waits in line (FIFO) until enough units are free; it holds its units from the moment it is accepted,
 * scheduled for later or reserved, until it ends.
 *
 * @param units   what the node has; {@link Integer#MAX_VALUE} for no limit
 * @param weights units per bot by recording mode; a mode not listed weighs {@link #DEFAULT_WEIGHT}
 */
public record BotCapacity(int units, Map<RecordingMode, Integer> weights) {
    public static final int DEFAULT_WEIGHT = 1;
    /**
     * Measured on 2 cores ({@code ./baas bench capacity}): an audio-only bot's share of a shared Chromium takes
     * ~0.2 of a core and ~150 MB, plus ~0.07 of a core in the JVM and the Playwright driver; a 720p speaker or gallery
     * view ~0.3–0.4 of a core in Chromium and ~0.1 in the JVM, encoding. One unit is an audio-only bot.
     */
    public static final Map<RecordingMode, Integer> MEASURED_WEIGHTS =
            Map.of(RecordingMode.AUDIO_ONLY, 1, RecordingMode.SPEAKER_VIEW, 3, RecordingMode.GALLERY_VIEW, 3);
    /** Units one core carries (~0.25 core per unit, all in). */
    public static final int UNITS_PER_CORE = 4;
    /** Memory one unit needs (an audio-only bot's share of Chromium and the JVM). */
    public static final long BYTES_PER_UNIT = 150L * 1024 * 1024;

    public BotCapacity {
        if (units < 1) throw BaasException.invalid("capacity.units", "must be at least 1");
        EnumMap<RecordingMode, Integer> w = new EnumMap<>(RecordingMode.class);
        weights.forEach((mode, weight) -> {
            if (weight == null || weight < 1) throw BaasException.invalid("capacity.weights." + mode.wireName(), "must be at least 1");
            w.put(mode, weight);
        });
        weights = Map.copyOf(w);
    }

    /** No limit: every bot starts at once (the embedding default; a server sizes itself with {@link #forMachine}). */
    public static BotCapacity unlimited() { return new BotCapacity(Integer.MAX_VALUE, MEASURED_WEIGHTS); }

    /** {@code units} with the measured weights. */
    public static BotCapacity of(int units) { return new BotCapacity(units, MEASURED_WEIGHTS); }

    /** What a machine with {@code cores} and {@code memoryBytes} carries, by the measured costs; at least one unit. */
    public static BotCapacity forMachine(int cores, long memoryBytes) {
        long byCpu = (long) cores * UNITS_PER_CORE;
        long byMemory = memoryBytes / BYTES_PER_UNIT;
        return of((int) Math.max(1, Math.min(byCpu, byMemory)));
    }

    /** The same capacity with other weights for the modes named in {@code overrides}. */
    public BotCapacity withWeights(Map<RecordingMode, Integer> overrides) {
        EnumMap<RecordingMode, Integer> w = new EnumMap<>(RecordingMode.class);
        w.putAll(weights);
        w.putAll(overrides);
        return new BotCapacity(units, w);
    }

    public boolean limited() { return units != Integer.MAX_VALUE; }

    /** The units a bot recording in {@code mode} takes; never more than the node has, so it can always run alone. */
    public int weight(RecordingMode mode) { return Math.min(units, weights.getOrDefault(mode, DEFAULT_WEIGHT)); }
}
