package dev.baas.core.metrics;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.spi.BotStatusCode;
import dev.baas.core.media.RecorderStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The engine's figures, on a Micrometer registry: bots by phase, status changes, join latency, outcomes, captured
 * and dropped frames, encoding lag, the speech-to-text queue and real-time factor. Other parts (webhooks, recording, transcription, streaming) register theirs on the same registry.
 */
public final class EngineMetrics {
    private final MeterRegistry registry;
    private final Map<BotPhase, AtomicInteger> byPhase = new EnumMap<>(BotPhase.class);
    private final Map<UUID, Instant> joiningSince = new ConcurrentHashMap<>();
    private final Timer joinLatency;
    private final Counter audioFrames;
    private final Counter videoFrames;
    private final Map<UUID, Supplier<RecorderStats>> recorders = new ConcurrentHashMap<>();
    private final LongAdder droppedAudioOfEnded = new LongAdder();
    private final LongAdder droppedVideoOfEnded = new LongAdder();
    private final AtomicInteger transcriptions = new AtomicInteger();

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (BotPhase p : BotPhase.values()) {
            AtomicInteger n = new AtomicInteger();
            byPhase.put(p, n);
            Gauge.builder("baas.bots", n, AtomicInteger::get).tag("phase", p.name().toLowerCase(java.util.Locale.ROOT))
                    .description("bots in each phase of their life").register(registry);
        }
        joinLatency = Timer.builder("baas.join.latency").description("from joining_call to in_call_recording")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(15)).register(registry);
        audioFrames = Counter.builder("baas.capture.frames").tag("kind", "audio").register(registry);
        videoFrames = Counter.builder("baas.capture.frames").tag("kind", "video").register(registry);
        FunctionCounter.builder("baas.capture.dropped", this, m -> m.dropped(RecorderStats::droppedAudio, m.droppedAudioOfEnded))
                .tag("kind", "audio").description("captured frames the recorder dropped because encoding fell behind")
                .register(registry);
        FunctionCounter.builder("baas.capture.dropped", this, m -> m.dropped(RecorderStats::droppedVideo, m.droppedVideoOfEnded))
                .tag("kind", "video").description("captured frames the recorder dropped because encoding fell behind")
                .register(registry);
        Gauge.builder("baas.recording.encode.lag", this, EngineMetrics::encodeLagSeconds).baseUnit("seconds")
                .description("how far the slowest recording's encoder is behind its capture, in media time").register(registry);
        Gauge.builder("baas.recording.queued.frames", this, m -> m.recorders.values().stream().mapToLong(r -> r.get().queued()).sum())
                .description("captured frames waiting for an encoder").register(registry);
        Gauge.builder("baas.stt.queue", transcriptions, AtomicInteger::get)
                .description("transcriptions waiting for or running on a speech-to-text provider").register(registry);
    }

    public MeterRegistry registry() { return registry; }

    /** A bot moved between phases ({@code from} is null for a new bot). */
    public void moved(UUID bot, BotPhase from, BotPhase to) {
        if (from != null) byPhase.get(from).decrementAndGet();
        byPhase.get(to).incrementAndGet();
    }

    public void event(BotEvent e) {
        switch (e) {
            case BotEvent.StatusChanged s -> {
                registry.counter("baas.bot.status.changes", "code", s.code().wireName()).increment();
                if (s.code() == BotStatusCode.JOINING_CALL) joiningSince.put(s.botId(), s.at());
                if (s.code() == BotStatusCode.IN_CALL_RECORDING) {
                    Instant since = joiningSince.remove(s.botId());
                    if (since != null) joinLatency.record(Duration.between(since, s.at()));
                }
            }
            case BotEvent.Completed c -> {
                joiningSince.remove(c.botId());
                registry.counter("baas.bots.ended", "outcome", "complete", "error", "").increment();
            }
            case BotEvent.Failed f -> {
                joiningSince.remove(f.botId());
                registry.counter("baas.bots.ended", "outcome", "failed", "error", f.error().wireName()).increment();
            }
            default -> { }
        }
    }

    /**
     * Registers the node's admission figures: bots waiting for a slot ({@code baas.admission.waiting}), units in use
     * and the node's capacity ({@code baas.admission.units}), and answers where each bot's wait goes
     * ({@code baas.admission.wait}).
     */
    public java.util.function.Consumer<Duration> admission(java.util.function.IntSupplier waiting,
                                                           java.util.function.IntSupplier usedUnits, int capacityUnits) {
        Gauge.builder("baas.admission.waiting", waiting::getAsInt).description("bots accepted and waiting for a free slot")
                .register(registry);
        Gauge.builder("baas.admission.units", usedUnits::getAsInt).tag("state", "used")
                .description("capacity units held by live bots").register(registry);
        Gauge.builder("baas.admission.units", () -> capacityUnits).tag("state", "capacity")
                .description("capacity units of this node").register(registry);
        Timer wait = Timer.builder("baas.admission.wait").description("from a bot's acceptance to its slot")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        return wait::record;
    }

    public void capturedAudio() { audioFrames.increment(); }

    public void capturedVideo() { videoFrames.increment(); }

    public int inPhase(BotPhase p) { return byPhase.get(p).get(); }

    /** A bot's recorder runs: its drops and lag count until {@link #recordingEnded(UUID)}. */
    public void recording(UUID bot, Supplier<RecorderStats> stats) { recorders.put(bot, stats); }

    /** A bot's recorder is done: its drops stay counted. */
    public void recordingEnded(UUID bot) {
        Supplier<RecorderStats> r = recorders.remove(bot);
        if (r == null) return;
        RecorderStats last = r.get();
        droppedAudioOfEnded.add(last.droppedAudio());
        droppedVideoOfEnded.add(last.droppedVideo());
    }

    private double dropped(ToLongFunction<RecorderStats> kind, LongAdder ofEnded) {
        return ofEnded.sum() + recorders.values().stream().mapToLong(r -> kind.applyAsLong(r.get())).sum();
    }

    private double encodeLagSeconds() {
        return recorders.values().stream().mapToLong(r -> r.get().encodeLagMicros()).max().orElse(0) / 1e6;
    }

    /** A transcription is handed to a provider. */
    public void transcriptionStarted() { transcriptions.incrementAndGet(); }

    /**
     * A transcription ended; when it succeeded, its real-time factor (time spent per second of audio) is recorded
     * for its provider.
     */
    public void transcriptionEnded(String provider, Optional<Duration> took, double audioSeconds) {
        transcriptions.decrementAndGet();
        if (took.isEmpty() || audioSeconds <= 0) return;
        DistributionSummary.builder("baas.stt.rtf").tag("provider", provider)
                .description("speech-to-text real-time factor: processing time over audio duration")
                .serviceLevelObjectives(0.1, 0.25, 0.5, 1, 2).register(registry)
                .record(took.get().toMillis() / 1000.0 / audioSeconds);
    }
}
