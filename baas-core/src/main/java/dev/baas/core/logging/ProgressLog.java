package dev.baas.core.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Long work of one bot (encoding its recording, transcribing it) told to people: a log line with the percentage and
 * the time left, at most every {@link #EVERY} and once at 100 %, e.g.
 * {@code transcribing bot 1f0c…: 40% (24 s of 60 s audio), ETA 9 s}; and the latest figures for whoever asks. The
 * time left assumes the rest goes as fast as what is done. Thread-safe: the worker reports, anyone reads.
 */
public final class ProgressLog {
    /** How often, at most, a line is logged while the work goes on. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(ProgressLog.class.getName());

    /** What the amounts count, and how a line says them. */
    public enum Unit {
        AUDIO_SECONDS, FRAMES;

        String describe(long done, long total) {
            return switch (this) {
                case AUDIO_SECONDS -> done + " s of " + total + " s audio";
                case FRAMES -> done + " of " + total + " frames";
            };
        }
    }

    /**
     * The work as it stands.
     *
     * @param stage   its wire name: {@code encoding} or {@code transcribing}
     * @param percent 0 to 100; 100 only once the work is finished
     * @param eta     the time left, once there is a rate to judge it by
     */
    public record Snapshot(String stage, int percent, Optional<Duration> eta) {}

    private final String stage;
    private final String subject;
    private final Unit unit;
    private final Clock clock;
    private final Duration every;
    private final Instant started;
    private double total;
    private double done;
    private boolean finished;
    private Instant lastLogged;

    /**
     * @param stage   what the work is, as a verb ({@code encoding}); lines read {@code <stage> <subject>: ...}
     * @param subject what is worked on, naming the bot ({@code recording of bot <id>}, {@code bot <id>})
     */
    public ProgressLog(String stage, String subject, Unit unit, double total, Clock clock, Duration every) {
        this.stage = stage;
        this.subject = subject;
        this.unit = unit;
        this.total = Math.max(0, total);
        this.clock = clock;
        this.every = every;
        this.started = clock.instant();
        this.lastLogged = started;
    }

    /** How much there is to do, in the unit's amounts. */
    public synchronized double total() { return total; }

    /** Corrects how much there is to do, when it turns out different from the first estimate. */
    public synchronized void total(double total) { this.total = Math.max(0, total); }

    /** Reports how much is done so far (not an increment); logs a line when the last one is old enough. */
    public void advance(double done) {
        String line;
        synchronized (this) {
            if (finished) return;
            this.done = Math.max(this.done, Math.min(done, total));
            Instant now = clock.instant();
            if (Duration.between(lastLogged, now).compareTo(every) < 0) return;
            lastLogged = now;
            line = line(now);
        }
        LOG.log(System.Logger.Level.INFO, line);
    }

    /** The work is finished: logs the 100 % line, once. */
    public void finish() {
        String line;
        synchronized (this) {
            if (finished) return;
            finished = true;
            done = total;
            line = line(clock.instant());
        }
        LOG.log(System.Logger.Level.INFO, line);
    }

    public synchronized Snapshot snapshot() {
        OptionalLong eta = etaMillis(clock.instant());
        return new Snapshot(stage, percent(), eta.isPresent() ? Optional.of(Duration.ofMillis(eta.getAsLong())) : Optional.empty());
    }

    /** Time spent since the work began. */
    public Duration elapsed() { return Duration.between(started, clock.instant()); }

    private int percent() {
        if (finished) return 100;
        if (total <= 0) return 0;
        return (int) Math.min(99, Math.floor(100 * done / total)); // 100 % is said once, by finish()
    }

    private OptionalLong etaMillis(Instant now) {
        if (finished) return OptionalLong.of(0);
        if (done <= 0 || total <= 0) return OptionalLong.empty();
        double spent = Duration.between(started, now).toMillis();
        return OptionalLong.of(Math.round(spent * (total - done) / done));
    }

    private String line(Instant now) {
        StringBuilder s = new StringBuilder().append(stage).append(' ').append(subject).append(": ").append(percent())
                .append("% (").append(unit.describe(Math.round(done), Math.round(total))).append(')');
        if (finished) s.append(", took ").append(seconds(Duration.between(started, now).toMillis())).append(" s");
        else {
            OptionalLong eta = etaMillis(now);
            if (eta.isPresent()) s.append(", ETA ").append(seconds(eta.getAsLong())).append(" s");
        }
        return s.toString();
    }

    private static long seconds(long millis) { return Math.round(millis / 1000.0); }
}
