package dev.baas.tck;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MediaSink;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.SessionContext;
import dev.baas.spi.VideoFrame;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The TCK's stand-in for the engine: a {@link SessionContext} that records every event and media frame, and lets
 * a rule wait for the event it expects.
 */
public final class RecordingContext implements SessionContext, MediaSink {
    private static final int MAX_AUDIO_FRAMES = 50 * 60 * 10;

    private final UUID botId = UUID.randomUUID();
    private final BotConfig config;
    private final MeetingRef meeting;
    private final Function<Class<?>, Optional<?>> services;
    private final List<MeetingEvent> events = new ArrayList<>();
    private final List<AudioFrame> audio = new ArrayList<>();
    private final List<VideoFrame> video = new ArrayList<>();

    public RecordingContext(BotConfig config, MeetingRef meeting, Function<Class<?>, Optional<?>> services) {
        this.config = config;
        this.meeting = meeting;
        this.services = services;
    }

    @Override public UUID botId() { return botId; }

    @Override public BotConfig config() { return config; }

    @Override public MeetingRef meeting() { return meeting; }

    @Override public Clock clock() { return Clock.systemUTC(); }

    @Override public synchronized void emit(MeetingEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override public MediaSink media() { return this; }

    @Override public <T> Optional<T> service(Class<T> type) { return services.apply(type).map(type::cast); }

    @Override public synchronized void audio(AudioFrame frame) {
        if (audio.size() >= MAX_AUDIO_FRAMES) audio.removeFirst();
        audio.add(frame);
        notifyAll();
    }

    @Override public synchronized void video(VideoFrame frame) {
        if (video.size() > 300) video.removeFirst();
        video.add(frame);
        notifyAll();
    }

    public synchronized List<MeetingEvent> events() { return List.copyOf(events); }

    public synchronized List<AudioFrame> audio() { return List.copyOf(audio); }

    public synchronized List<VideoFrame> video() { return List.copyOf(video); }

    /** Waits for the first recorded event of {@code type} matching {@code test}; empty when time runs out. */
    public synchronized <E extends MeetingEvent> Optional<E> await(Class<E> type, Predicate<E> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (MeetingEvent e : events) if (type.isInstance(e) && test.test(type.cast(e))) return Optional.of(type.cast(e));
            long left = deadline - System.nanoTime();
            if (left <= 0) return Optional.empty();
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Waits until the recorded media satisfy {@code test}. */
    public synchronized boolean awaitMedia(Predicate<RecordingContext> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!test.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
