package dev.baas.core.metrics;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.spi.BotStatusCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's figures, on a Micrometer registry: bots by phase, status changes, join latency, outcomes, captured
 * frames. Other parts (webhooks, recording, transcription, streaming) register theirs on the same registry.
 */
public final class EngineMetrics {
    private final MeterRegistry registry;
    private final Map<BotPhase, AtomicInteger> byPhase = new EnumMap<>(BotPhase.class);
    private final Map<UUID, Instant> joiningSince = new ConcurrentHashMap<>();
    private final Timer joinLatency;
    private final Counter audioFrames;
    private final Counter videoFrames;

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
}
