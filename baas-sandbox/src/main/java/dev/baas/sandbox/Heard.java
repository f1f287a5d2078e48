package dev.baas.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The loudness of what a scripted participant heard from the meeting, one sample per 20 ms frame. */
public record Heard(List<Level> levels) {
    /** RMS of one frame (0..1 of full scale) starting at {@code at}. */
    public record Level(Instant at, double rms) {}

    public static final double VOICE_RMS = 0.01;

    public Heard {
        levels = List.copyOf(levels);
    }

    public double peakRms() { return levels.stream().mapToDouble(Level::rms).max().orElse(0); }

    /** Total time of frames louder than {@link #VOICE_RMS}. */
    public Duration voiced() { return Duration.ofMillis(20L * levels.stream().filter(l -> l.rms() > VOICE_RMS).count()); }

    public Optional<Instant> firstVoiced() {
        return levels.stream().filter(l -> l.rms() > VOICE_RMS).map(Level::at).findFirst();
    }
}
