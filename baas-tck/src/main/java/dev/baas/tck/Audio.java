package dev.baas.tck;

import dev.baas.spi.AudioFrame;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Loudness measures over captured frames. */
final class Audio {
    /** RMS (0..1) above which a 20 ms frame counts as voiced; espeak speech peaks far above it, silence is 0. */
    static final double VOICE_RMS = 0.01;

    private Audio() {}

    static double rms(short[] samples) {
        if (samples.length == 0) return 0;
        double sum = 0;
        for (short s : samples) sum += (double) s * s;
        return Math.sqrt(sum / samples.length) / 32768.0;
    }

    static long micros(Instant at) { return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000; }

    static List<AudioFrame> between(List<AudioFrame> frames, Predicate<AudioFrame> source, Instant from, Instant to) {
        long a = micros(from), b = micros(to);
        return frames.stream().filter(source).filter(f -> f.timestampMicros() >= a && f.timestampMicros() < b).toList();
    }

    static long voicedMillis(List<AudioFrame> frames) {
        return frames.stream().filter(f -> rms(f.samples()) > VOICE_RMS).mapToLong(f -> f.durationMicros() / 1000).sum();
    }

    static double peak(List<AudioFrame> frames) {
        return frames.stream().mapToDouble(f -> rms(f.samples())).max().orElse(0);
    }
}
