package dev.baas.core;

import dev.baas.core.media.Segments;
import dev.baas.core.store.BotRecord;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.MeetingPlatform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finishes the bots a node left behind when its process died (kill -9, out of memory, lost machine). A bot that had
 * not touched its meeting yet simply runs again. A bot that was joining or in a call ends: with what it recorded
 * until the process died ({@code complete}), or {@code failed} with {@link FailureCode#INTERNAL_ERROR} when nothing
 * usable was written. Either way it says {@code meeting_error} first, with the reason, so nobody is left waiting on a
 * bot that stays {@code in_call_recording}.
 */
final class Recovery {
    static final String NODE_STOPPED = "the node running the bot stopped while it was in the meeting";
    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    /** Sample rate assumed for WAV files whose header is unreadable; recorders write it into every header. */
    static final int FALLBACK_RATE = 16_000;

    private final Engine engine;
    private final Map<String, MeetingPlatform> platforms;

    Recovery(Engine engine, Map<String, MeetingPlatform> platforms) {
        this.engine = engine;
        this.platforms = platforms;
    }

    /** What became of one bot left behind. */
    enum Outcome { RESTARTED, COMPLETED, FAILED }

    /** Recovers every bot of {@code bots} at once, each on its own virtual thread, and says how that went. */
    RecoveryReport recoverAll(List<BotRecord> bots) throws InterruptedException {
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        Map<Outcome, java.util.concurrent.atomic.AtomicInteger> counts = new java.util.EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) counts.put(o, new java.util.concurrent.atomic.AtomicInteger());
        for (BotRecord bot : bots) {
            threads.add(Thread.ofVirtual().name("recover-" + bot.id()).start(() -> {
                try {
                    counts.get(recover(bot)).incrementAndGet();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "bot " + bot.id() + " could not be recovered", e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        return new RecoveryReport(counts.get(Outcome.RESTARTED).get(), counts.get(Outcome.COMPLETED).get(),
                counts.get(Outcome.FAILED).get(), java.time.Duration.ofNanos(System.nanoTime() - t0));
    }

    Outcome recover(BotRecord bot) {
        if (bot.phase() == BotPhase.SCHEDULED) {
            MeetingPlatform platform = platforms.get(bot.meeting().platform());
            if (platform != null) {
                engine.start(bot, platform);
                return Outcome.RESTARTED;
            }
            return fail(bot, "the bot's platform " + bot.meeting().platform() + " is no longer available on this node");
        }
        engine.metrics().moved(bot.id(), null, bot.phase()); // counted from here on, as if it had started in this process
        Optional<MeetingArtifacts> recorded;
        try {
            // every piece: the bot may have joined again on another node before this one died too
            java.nio.file.Path dir = engine.botDirectory(bot.id());
            List<MeetingArtifacts> pieces = Segments.recorded(dir, Optional.empty(), FALLBACK_RATE);
            recorded = pieces.isEmpty() ? Optional.empty()
                    : Optional.of(Segments.join(pieces, dir.resolve("joined-" + engine.clock().millis())));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "bot " + bot.id() + ": its recording could not be read back: " + e.getMessage());
            recorded = Optional.empty();
        }
        if (recorded.isEmpty()) return fail(bot, NODE_STOPPED + " and nothing usable had been recorded");
        String why = NODE_STOPPED + "; the recording up to then is kept";
        BotPhase phase = bot.phase();
        if (phase != BotPhase.ENDING) {
            engine.transition(bot.id(), phase, BotPhase.ENDING, List.of(meetingError(bot.id(), why)));
            phase = BotPhase.ENDING;
        }
        Optional<String> stored = engine.storeArtifacts(bot.id(), recorded.get());
        if (stored.isPresent()) return fail(engine.store().find(bot.id()).orElse(bot), stored.get());
        engine.transition(bot.id(), phase, BotPhase.COMPLETED, List.of(engine.completed(bot.id(), bot.config(),
                recorded.get(), List.of(), Map.of(), SpeakerTimeline.empty())));
        return Outcome.COMPLETED;
    }

    private Outcome fail(BotRecord bot, String message) {
        List<BotEvent> events = new ArrayList<>();
        if (bot.phase() != BotPhase.ENDING) events.add(meetingError(bot.id(), message));
        events.add(new BotEvent.Failed(bot.id(), engine.clock().instant(), FailureCode.INTERNAL_ERROR, message));
        engine.transition(bot.id(), bot.phase(), BotPhase.FAILED, events);
        return Outcome.FAILED;
    }

    private BotEvent.StatusChanged meetingError(UUID id, String message) {
        return new BotEvent.StatusChanged(id, engine.clock().instant(), BotStatusCode.MEETING_ERROR,
                BotRunner.errorDetails(FailureCode.INTERNAL_ERROR, message));
    }
}
