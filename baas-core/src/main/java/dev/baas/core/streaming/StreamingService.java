package dev.baas.core.streaming;

import dev.baas.core.BotEvent;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.Streaming;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * Live audio of every bot: out to the user's {@code streaming.output} WebSocket, in from {@code streaming.input}
 * into the meeting, and in-process to embedders as a {@link Flow.Publisher}. A stream that drops is reconnected
 * with backoff and never ends the bot.
 */
public final class StreamingService implements AutoCloseable {
    /** What the service needs from the engine. */
    public interface Host {
        Optional<BotConfig> config(UUID botId);

        void speak(UUID botId, short[] pcm, int sampleRate);

        /** Records a non-v1 event about a bot (stream state). */
        void report(BotEvent event);
    }

    private final Host host;
    private final Clock clock;
    private final Duration maxBackoff;
    private final Map<UUID, BotStreams> streams = new ConcurrentHashMap<>();
    private final Map<UUID, SubmissionPublisher<AudioFrame>> publishers = new ConcurrentHashMap<>();
    /** Final counters of the most recent ended bots, so they can still be read after the call. */
    private final Map<UUID, StreamStats> finished = new java.util.LinkedHashMap<>() {
        @Override protected boolean removeEldestEntry(Map.Entry<UUID, StreamStats> eldest) { return size() > 10_000; }
    };

    public StreamingService(Host host, Clock clock, Duration maxBackoff) {
        this.host = host;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    /** Feeds bot events in: streams start when the recording starts and stop when the bot is done. */
    public void onEvent(BotEvent e) {
        switch (e) {
            case BotEvent.StatusChanged s when s.code() == BotStatusCode.IN_CALL_RECORDING -> start(s.botId());
            case BotEvent.StatusChanged s when s.code() == BotStatusCode.CALL_ENDED -> stop(s.botId());
            case BotEvent.Completed c -> stop(c.botId());
            case BotEvent.Failed f -> stop(f.botId());
            case BotEvent.Speaker sp -> {
                BotStreams b = streams.get(sp.botId());
                if (b != null) b.speaker(sp.participant(), sp.speaking(), sp.at());
            }
            default -> { }
        }
    }

    /** Feeds captured audio in, from capture threads. */
    public void onAudio(UUID botId, AudioFrame frame) {
        SubmissionPublisher<AudioFrame> p = publishers.get(botId);
        if (p != null && !p.isClosed()) p.offer(frame, (s, dropped) -> false);
        BotStreams b = streams.get(botId);
        if (b != null && (frame.isMix() || b.perParticipant())) b.audio(frame);
    }

    /** The bot's captured audio (mix and per-participant), for in-process consumers; completes when the bot ends. */
    public Flow.Publisher<AudioFrame> audio(UUID botId) {
        return publishers.computeIfAbsent(botId, id -> new SubmissionPublisher<>());
    }

    /** Counters of a bot's streams, if it has any (the final ones once the bot ended, for recent bots). */
    public Optional<StreamStats> stats(UUID botId) {
        BotStreams live = streams.get(botId);
        if (live != null) return Optional.of(live.stats());
        synchronized (finished) {
            return Optional.ofNullable(finished.get(botId));
        }
    }

    private void start(UUID botId) {
        Optional<Streaming> s = host.config(botId).flatMap(BotConfig::streaming);
        if (s.isEmpty() || (s.get().output().isEmpty() && s.get().input().isEmpty())) return;
        streams.computeIfAbsent(botId, id -> new BotStreams(id, s.get(), host, clock, maxBackoff)).open();
    }

    private void stop(UUID botId) {
        BotStreams b = streams.remove(botId);
        if (b != null) {
            b.close();
            synchronized (finished) {
                finished.put(botId, b.stats());
            }
        }
        SubmissionPublisher<AudioFrame> p = publishers.remove(botId);
        if (p != null) p.close();
    }

    @Override
    public void close() {
        streams.keySet().forEach(this::stop);
        publishers.values().forEach(SubmissionPublisher::close);
    }

    /** What happened on a bot's streams so far. */
    public record StreamStats(long framesSent, long framesDropped, long framesReceived, long framesRejected, int reconnects,
                              boolean outputConnected) {}
}
