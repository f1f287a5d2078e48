package dev.baas.core;

import dev.baas.core.media.Recorder;
import dev.baas.core.store.BotRecord;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.Capability;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MediaSink;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.Participant;
import dev.baas.spi.SessionContext;
import dev.baas.spi.VideoFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drives one bot through its life on its own virtual thread. Everything that happens to the bot (meeting events,
 * commands, timeouts) arrives as a {@link Signal} on one queue and is handled in order, so the bot's state has a
 * single writer.
 */
final class BotRunner implements Runnable {
    private static final System.Logger LOG = System.getLogger(BotRunner.class.getName());

    sealed interface Signal {
        record Meeting(MeetingEvent event) implements Signal {}

        record Leave() implements Signal {}

        record Start() implements Signal {}

        /** Another node holds the bot now (this node's lease ran out): stop at once, writing nothing. */
        record Abandon() implements Signal {}

        /** The node has room for the bot now (see {@link Admission}). */
        record SlotGranted() implements Signal {}

        record Timeout(Timer timer, long generation) implements Signal {}

        record Chat(String text) implements Signal {}

        record Speak(short[] pcm, int sampleRate) implements Signal {}

        /** Take a screenshot now; {@code result} learns where it was stored. */
        record TakeScreenshot(CompletableFuture<Screenshot> result) implements Signal {}
    }

    enum Timer { START, JOIN, WAITING_ROOM, NOONE_JOINED, SILENCE, EVERYONE_LEFT, MAX_DURATION, SCREENSHOT }

    private final Engine engine;
    private final UUID id;
    private final BotConfig config;
    private final MeetingPlatform platform;
    private final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Map<Timer, Scheduler.Cancellable> timers = new EnumMap<>(Timer.class);
    private final Map<Timer, Long> generations = new EnumMap<>(Timer.class);
    private final Map<String, Participant> present = new LinkedHashMap<>();
    private final Set<String> speakers = new LinkedHashSet<>();
    /** Everyone who was in the meeting at some point, by id: their tracks are theirs even after they left. */
    private final Map<String, Participant> everyone = new LinkedHashMap<>();
    /** The recording's start and the speaker changes, to give speakers to the words of a mixed track. */
    private final List<BotEvent> speakerTimeline = new ArrayList<>();
    private BotRecord record;
    private MeetingSession session;
    private volatile Recorder recorder;
    private boolean someoneJoined;
    private volatile Instant lastSpeech;
    private volatile boolean ended;
    /** Whether the bot holds its slot on the node; set once, by whoever grants it. */
    private volatile boolean slot;
    /** Whether joining_call was already said while the bot waited in line. */
    private boolean announcedJoining;
    /** Screenshots being taken; bot thread only. */
    private final List<CompletableFuture<Screenshot>> screenshots = new ArrayList<>();
    private static final Duration SCREENSHOT_GRACE = Duration.ofSeconds(15);

    /** Where this run records: the bot's folder, or a new segment in it when the bot rejoins its meeting. */
    private final java.nio.file.Path recordingDirectory;
    /** Whether the bot was in its meeting on a node that died and joins it again. */
    private final boolean rejoining;

    BotRunner(Engine engine, BotRecord record, MeetingPlatform platform) {
        this.engine = engine;
        this.id = record.id();
        this.config = record.config();
        this.record = record;
        this.platform = platform;
        this.rejoining = record.phase() != BotPhase.SCHEDULED;
        this.recordingDirectory = rejoining
                ? dev.baas.core.media.Segments.next(engine.botDirectory(id), engine.clock().millis())
                : engine.botDirectory(id);
    }

    UUID id() { return id; }

    BotPhase phase() { return record.phase(); }

    /** How encoding what the recording still holds goes, once the bot has left. */
    Optional<dev.baas.core.logging.ProgressLog.Snapshot> recordingProgress() {
        Recorder r = recorder;
        return r == null ? Optional.empty() : r.progress();
    }

    void signal(Signal s) {
        signals.add(s);
        if (ended) refuseLeftovers();
    }

    /** Asks that arrive as the bot ends, or after, would otherwise wait forever. */
    private void refuseLeftovers() {
        for (Signal s; (s = signals.poll()) != null; ) {
            if (s instanceof Signal.TakeScreenshot shot) shot.result().completeExceptionally(notInCall(id));
        }
    }

    @Override
    public void run() {
        try {
            if (timers.containsKey(Timer.START) && !awaitStart()) return;
            if (!slot && !awaitSlot()) return;
            join();
            while (!record.phase().isTerminal()) handle(signals.take());
        } catch (Abandoned | dev.baas.core.store.BotLeases.Lost e) {
            LOG.log(System.Logger.Level.WARNING, "bot " + id + " is run by another node now; this node lets it go");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failIfLive(FailureCode.INTERNAL_ERROR, "the engine stopped while the bot was running");
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "bot " + id + " crashed", t);
            failIfLive(FailureCode.INTERNAL_ERROR, "internal error: " + t);
        } finally {
            timers.values().forEach(Scheduler.Cancellable::cancel);
            timers.clear();
            awaitScreenshots();
            if (session != null) session.close();
            if (recorder != null) recorder.close();
            engine.metrics().recordingEnded(id);
            engine.finished(this);
            ended = true;
            refuseLeftovers();
        }
    }

    private boolean startsLater() {
        return config.startTime().map(t -> Instant.ofEpochSecond(t).isAfter(engine.clock().instant())).orElse(false);
    }

    /** Called before the bot's thread starts, so a scheduled start is armed by the time join() returns. */
    void prepare() {
        if (!startsLater()) return;
        Duration wait = Duration.between(engine.clock().instant(), Instant.ofEpochSecond(config.startTime().orElseThrow()));
        arm(Timer.START, wait);
    }

    /** The node has room for this bot: it may join (now, or at its start time). */
    void slotGranted() {
        slot = true;
        signal(new Signal.SlotGranted());
    }

    private boolean awaitStart() throws InterruptedException {
        while (true) {
            Signal s = signals.take();
            if (s instanceof Signal.Timeout t && isCurrent(t) && t.timer() == Timer.START) return true;
            if (leftBeforeJoining(s)) return false;
        }
    }

    /**
     * Waits in line for a slot on the node. The bot is told {@code joining_call} at once, as v1 says when demand is
     * higher than the bots available, but stays {@link BotPhase#SCHEDULED}: it touches no meeting until let in, so a
     * restarted node may simply run it again.
     */
    private boolean awaitSlot() throws InterruptedException {
        engine.appendAsRunner(id, status(BotStatusCode.JOINING_CALL, Map.of("waiting_for_slot", true)));
        announcedJoining = true;
        LOG.log(System.Logger.Level.INFO, "bot " + id + " waits for a free slot, position " + engine.linePosition(id));
        while (!slot) {
            if (leftBeforeJoining(signals.take())) return false;
        }
        return true;
    }

    /** Handles what may arrive before the bot joins; true when it was asked to leave and has ended. */
    private boolean leftBeforeJoining(Signal s) {
        if (s instanceof Signal.Abandon) throw new Abandoned();
        if (s instanceof Signal.TakeScreenshot shot) shot.result().completeExceptionally(notInCall(id));
        if (!(s instanceof Signal.Leave)) return false;
        engine.leaveLine(id); // its place or slot goes to the next bot before anyone hears this one ended
        move(BotPhase.ENDING, status(BotStatusCode.API_REQUEST_STOP));
        complete(MeetingArtifacts.none());
        return true;
    }

    private void join() {
        arm(Timer.JOIN, engine.settings().joinTimeout());
        if (rejoining) {
            BotEvent.StatusChanged again = status(BotStatusCode.JOINING_CALL, Map.of("rejoining", true));
            if (record.phase() == BotPhase.JOINING) engine.appendAsRunner(id, again);
            else move(BotPhase.JOINING, again);
        } else if (announcedJoining) {
            move(BotPhase.JOINING);
        } else {
            move(BotPhase.JOINING, status(BotStatusCode.JOINING_CALL));
        }
        recorder = engine.recorders().create(id, config, recordingDirectory);
        Recorder measured = recorder;
        engine.metrics().recording(id, measured::stats);
        try {
            session = platform.open(new Context());
            session.join();
        } catch (BaasException e) {
            // the platform refused to start (not supported, bad meeting): the meeting cannot be joined, no crash
            fail(BotStatusCode.MEETING_ERROR, errorDetails(FailureCode.CANNOT_JOIN_MEETING, e.getMessage()),
                    FailureCode.CANNOT_JOIN_MEETING, e.getMessage());
        }
    }

    private void handle(Signal signal) {
        switch (signal) {
            case Signal.Meeting m -> onMeeting(m.event());
            case Signal.Leave l -> onLeave();
            case Signal.Timeout t -> { if (isCurrent(t)) onTimeout(t.timer()); }
            case Signal.Chat c -> sendChat(c.text());
            case Signal.Speak s -> { if (record.phase().inCall()) session.speak(s.pcm(), s.sampleRate()); }
            case Signal.Start s -> { }
            case Signal.SlotGranted s -> { }
            case Signal.Abandon a -> throw new Abandoned();
            case Signal.TakeScreenshot t -> {
                if (record.phase().inCall()) screenshot(t.result());
                else t.result().completeExceptionally(notInCall(id));
            }
        }
    }

    private void onMeeting(MeetingEvent event) {
        BotPhase phase = record.phase();
        switch (event) {
            case MeetingEvent.Joining j -> { }
            case MeetingEvent.InWaitingRoom w -> {
                if (phase == BotPhase.JOINING) {
                    disarm(Timer.JOIN);
                    arm(Timer.WAITING_ROOM, config.automaticLeave().waitingRoomTimeout());
                    move(BotPhase.IN_WAITING_ROOM, status(BotStatusCode.IN_WAITING_ROOM));
                }
            }
            case MeetingEvent.Admitted a -> {
                if (phase == BotPhase.JOINING || phase == BotPhase.IN_WAITING_ROOM) admitted();
            }
            case MeetingEvent.Denied d -> fail(BotStatusCode.BOT_REJECTED, Map.of(), FailureCode.BOT_NOT_ACCEPTED,
                    d.reason() == null || d.reason().isBlank() ? "the bot was not let into the meeting" : d.reason());
            case MeetingEvent.Removed r -> {
                if (phase.inCall()) end(BotStatusCode.BOT_REMOVED, false);
                else fail(BotStatusCode.BOT_REMOVED, Map.of(), FailureCode.BOT_REMOVED, "the bot was removed before the recording started");
            }
            case MeetingEvent.MeetingEnded e -> {
                if (phase.inCall()) end(BotStatusCode.CALL_ENDED, false);
                else fail(BotStatusCode.CALL_ENDED, Map.of(), FailureCode.CANNOT_JOIN_MEETING, "the meeting ended before the bot was let in");
            }
            case MeetingEvent.CannotJoin c -> fail(BotStatusCode.MEETING_ERROR, errorDetails(c.code(), c.reason()), c.code(), c.reason());
            case MeetingEvent.SessionFailed f -> fail(BotStatusCode.MEETING_ERROR, errorDetails(f.code(), f.message()), f.code(), f.message());
            case MeetingEvent.RecordingPaused p -> {
                if (phase == BotPhase.IN_CALL_RECORDING) {
                    recorder.record(false);
                    move(BotPhase.RECORDING_PAUSED, status(BotStatusCode.RECORDING_PAUSED));
                }
            }
            case MeetingEvent.RecordingResumed r -> {
                if (phase == BotPhase.RECORDING_PAUSED) {
                    recorder.record(true);
                    move(BotPhase.IN_CALL_RECORDING, status(BotStatusCode.RECORDING_RESUMED));
                }
            }
            case MeetingEvent.ParticipantJoined j -> {
                if (j.participant().self()) return;
                present.put(j.participant().id(), j.participant());
                everyone.put(j.participant().id(), j.participant());
                someoneJoined = true;
                disarm(Timer.NOONE_JOINED);
                disarm(Timer.EVERYONE_LEFT);
                engine.appendAsRunner(id, new BotEvent.ParticipantsChanged(id, event.at(), List.copyOf(present.values())));
            }
            case MeetingEvent.ParticipantLeft l -> {
                if (present.remove(l.participant().id()) == null) return;
                if (present.isEmpty() && phase.inCall()) {
                    config.automaticLeave().everyoneLeftTimeout().ifPresent(d -> arm(Timer.EVERYONE_LEFT, d));
                }
                engine.appendAsRunner(id, new BotEvent.ParticipantsChanged(id, event.at(), List.copyOf(present.values())));
            }
            case MeetingEvent.ActiveSpeaker s -> {
                if (s.speaking()) {
                    lastSpeech = engine.clock().instant();
                    speakers.add(s.participant().name());
                    // restart the silence countdown now, before the event is published, so time is counted from here
                    if (phase == BotPhase.IN_CALL_RECORDING) arm(Timer.SILENCE, config.automaticLeave().silenceTimeout());
                }
                if (recorder != null) {
                    recorder.speaker(s.participant().id(), s.participant().name(), s.speaking(),
                            s.at().getEpochSecond() * 1_000_000L + s.at().getNano() / 1_000);
                }
                BotEvent.Speaker change = new BotEvent.Speaker(id, event.at(), s.participant(), s.speaking());
                speakerTimeline.add(change);
                engine.appendAsRunner(id, change);
            }
            case MeetingEvent.ChatMessage c ->
                    engine.appendAsRunner(id, new BotEvent.Chat(id, event.at(), c.sender(), c.text(), c.fromBot()));
        }
    }

    private void admitted() {
        disarm(Timer.JOIN);
        disarm(Timer.WAITING_ROOM);
        move(BotPhase.IN_CALL_NOT_RECORDING, status(BotStatusCode.IN_CALL_NOT_RECORDING));
        Instant start = engine.clock().instant();
        lastSpeech = start;
        recorder.record(true);
        // timers are armed before the status is published, so whoever sees the status sees the timers too
        if (!someoneJoined) arm(Timer.NOONE_JOINED, config.automaticLeave().nooneJoinedTimeout());
        arm(Timer.SILENCE, config.automaticLeave().silenceTimeout());
        config.automaticLeave().maxDuration().ifPresent(d -> arm(Timer.MAX_DURATION, d));
        armScreenshots();
        BotEvent.StatusChanged recording = status(BotStatusCode.IN_CALL_RECORDING, Map.of("start_time", Engine.iso(start)));
        speakerTimeline.add(0, recording);
        move(BotPhase.IN_CALL_RECORDING, recording);
        config.entryMessage().ifPresent(this::sendChat);
        screenshot(new CompletableFuture<>());
    }

    private void armScreenshots() {
        Duration every = engine.settings().screenshotInterval();
        if (every.isPositive()) arm(Timer.SCREENSHOT, every);
    }

    /**
     * Takes a screenshot off the bot's thread (the browser may take a while) and stores it; a session that cannot
     * take one, or fails to, only costs the picture.
     */
    private void screenshot(CompletableFuture<Screenshot> result) {
        screenshots.removeIf(CompletableFuture::isDone);
        screenshots.add(result);
        MeetingSession s = session;
        Instant at = engine.clock().instant();
        Thread.ofVirtual().name("screenshot-" + id).start(() -> {
            try {
                Optional<byte[]> png = s.screenshot();
                if (png.isEmpty()) {
                    // platforms without a page to picture: nothing to warn about on the timer, the asker learns why
                    result.completeExceptionally(new BaasException(ErrorCode.CONFLICT,
                            "bot " + id + " cannot take a screenshot on " + platform.name() + " now"));
                    return;
                }
                result.complete(engine.storeScreenshot(id, png.get(), at));
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "bot " + id + ": screenshot not taken: " + e.getMessage());
                result.completeExceptionally(e);
            }
        });
    }

    /** Lets screenshots under way finish (or fail) before the session goes, so each one asked for is stored. */
    private void awaitScreenshots() {
        long deadline = System.nanoTime() + SCREENSHOT_GRACE.toNanos();
        for (CompletableFuture<Screenshot> f : screenshots) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // already logged where it failed
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "bot " + id + ": a screenshot was still under way when the bot left");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        screenshots.clear();
    }

    private void sendChat(String text) {
        if (!record.phase().inCall() || !platform.capabilities().contains(Capability.CHAT_SEND)) return;
        try {
            session.sendChat(text);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "bot " + id + ": chat message not sent: " + e.getMessage());
        }
    }

    private void onLeave() {
        BotPhase phase = record.phase();
        if (phase.isTerminal() || phase == BotPhase.ENDING) return;
        end(BotStatusCode.API_REQUEST_STOP, true);
    }

    private void onTimeout(Timer timer) {
        BotPhase phase = record.phase();
        switch (timer) {
            case JOIN -> fail(BotStatusCode.MEETING_ERROR,
                    errorDetails(FailureCode.CANNOT_JOIN_MEETING, "join timed out"), FailureCode.CANNOT_JOIN_MEETING,
                    "the meeting did not let the bot in or show a waiting room within "
                            + engine.settings().joinTimeout().toSeconds() + " s");
            case WAITING_ROOM -> fail(BotStatusCode.WAITING_ROOM_TIMEOUT, Map.of(), FailureCode.TIMEOUT_WAITING_TO_START,
                    "nobody admitted the bot within " + config.automaticLeave().waitingRoomTimeout().toSeconds() + " s");
            case NOONE_JOINED -> {
                if (!someoneJoined && phase.inCall()) {
                    session.leave();
                    fail(BotStatusCode.CALL_ENDED, Map.of(), FailureCode.TIMEOUT_WAITING_TO_START,
                            "nobody joined within " + config.automaticLeave().nooneJoinedTimeout().toSeconds() + " s");
                }
            }
            case SILENCE -> {
                Duration limit = config.automaticLeave().silenceTimeout();
                Duration quiet = Duration.between(lastSpeech, engine.clock().instant());
                if (quiet.compareTo(limit) >= 0) end(BotStatusCode.CALL_ENDED, true);
                else arm(Timer.SILENCE, limit.minus(quiet));
            }
            case EVERYONE_LEFT -> { if (present.isEmpty()) end(BotStatusCode.CALL_ENDED, true); }
            case MAX_DURATION -> end(BotStatusCode.CALL_ENDED, true);
            case SCREENSHOT -> {
                if (phase.inCall()) {
                    armScreenshots(); // the next one is counted from now, before this one is stored and seen
                    screenshot(new CompletableFuture<>());
                }
            }
            case START -> { }
        }
    }

    /** Leaves (if asked), finishes the recording, transcribes, and completes. */
    private void end(BotStatusCode reason, boolean leave) {
        timers.values().forEach(Scheduler.Cancellable::cancel);
        timers.clear();
        boolean wasInCall = record.phase().inCall();
        awaitScreenshots(); // of the meeting, not of the page after leaving
        if (leave && session != null && wasInCall) {
            try {
                session.leave();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "bot " + id + ": leaving failed: " + e.getMessage());
            }
        }
        List<BotEvent> events = new ArrayList<>();
        events.add(status(reason));
        if (reason != BotStatusCode.CALL_ENDED) events.add(status(BotStatusCode.CALL_ENDED));
        move(BotPhase.ENDING, events.toArray(BotEvent[]::new));
        MeetingArtifacts artifacts;
        try {
            artifacts = recorder == null ? MeetingArtifacts.none() : recorder.finish();
        } catch (Exception e) {
            fail(null, Map.of(), FailureCode.INTERNAL_ERROR, "the recording could not be finished: " + e.getMessage());
            return;
        }
        complete(artifacts);
    }

    private void complete(MeetingArtifacts artifacts) {
        complete(artifacts, rejoining ? earlierPieces() : List.of());
    }

    /** Completes with {@code artifacts} after the {@code earlier} pieces a dead node recorded, if any. */
    private void complete(MeetingArtifacts artifacts, List<MeetingArtifacts> earlier) {
        if (!earlier.isEmpty()) artifacts = withEarlierPieces(earlier, artifacts);
        Optional<String> stored = engine.storeArtifacts(id, artifacts);
        if (stored.isPresent()) {
            fail(BotStatusCode.MEETING_ERROR, errorDetails(FailureCode.INTERNAL_ERROR, stored.get()), FailureCode.INTERNAL_ERROR,
                    stored.get());
            return;
        }
        move(BotPhase.COMPLETED, engine.completed(id, config, artifacts, List.copyOf(speakers), speakerNames(),
                SpeakerTimeline.fromEvents(speakerTimeline, engine.clock().instant())));
    }

    /**
     * A bot that joined its meeting again after its node died delivers one recording: what the dead node recorded,
     * then this run's piece. Should joining them fail, this run's piece is delivered and the reason logged.
     */
    private MeetingArtifacts withEarlierPieces(List<MeetingArtifacts> earlier, MeetingArtifacts latest) {
        try {
            List<MeetingArtifacts> pieces = new ArrayList<>(earlier);
            if (latest.audio().isPresent() || latest.video().isPresent() || !latest.participantAudio().isEmpty()) pieces.add(latest);
            return dev.baas.core.media.Segments.join(pieces, engine.botDirectory(id).resolve("joined-" + engine.clock().millis()));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "bot " + id + ": the earlier pieces of its recording could not be joined to "
                    + "this one, only the newest piece is delivered: " + e);
            return latest;
        }
    }

    /** What the dead node(s) recorded of this bot before it joined again; none when unreadable (logged). */
    private List<MeetingArtifacts> earlierPieces() {
        try {
            return dev.baas.core.media.Segments.recorded(engine.botDirectory(id), Optional.of(recordingDirectory),
                    Recovery.FALLBACK_RATE);
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "bot " + id + ": the earlier pieces of its recording cannot be read: " + e);
            return List.of();
        }
    }

    private Map<String, String> speakerNames() {
        Map<String, String> names = new LinkedHashMap<>();
        everyone.values().forEach(p -> names.put(p.id(), p.name()));
        return names;
    }

    private void fail(BotStatusCode status, Map<String, Object> details, FailureCode code, String message) {
        if (record.phase().isTerminal()) return;
        timers.values().forEach(Scheduler.Cancellable::cancel);
        timers.clear();
        MeetingArtifacts partial = MeetingArtifacts.none();
        if (recorder != null) {
            try {
                partial = recorder.finish(); // keep what was recorded so far
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "bot " + id + ": partial recording not finished: " + e.getMessage());
            }
        }
        List<MeetingArtifacts> earlier = rejoining && record.phase() != BotPhase.ENDING ? earlierPieces() : List.of();
        if (!earlier.isEmpty()) {
            // back in the meeting or not, what the dead node recorded is delivered, as after a restart
            move(BotPhase.ENDING, status != null ? status(status, details)
                    : status(BotStatusCode.MEETING_ERROR, errorDetails(code, message)));
            complete(partial, earlier);
            return;
        }
        List<BotEvent> events = new ArrayList<>();
        if (status != null) events.add(status(status, details));
        events.add(new BotEvent.Failed(id, engine.clock().instant(), code, message));
        move(BotPhase.FAILED, events.toArray(BotEvent[]::new));
    }

    private void failIfLive(FailureCode code, String message) {
        try {
            fail(null, Map.of(), code, message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "bot " + id + " could not be marked failed", e);
        }
    }

    static Map<String, Object> errorDetails(FailureCode code, String message) {
        return Map.of("error_type", code.wireName(), "error_message", message == null ? "" : message);
    }

    private BotEvent.StatusChanged status(BotStatusCode code) { return status(code, Map.of()); }

    private BotEvent.StatusChanged status(BotStatusCode code, Map<String, Object> details) {
        return new BotEvent.StatusChanged(id, engine.clock().instant(), code, details);
    }

    private void move(BotPhase to, BotEvent... events) {
        record = engine.transitionAsRunner(id, record.phase(), to, List.of(events));
    }

    private void arm(Timer timer, Duration delay) {
        disarm(timer);
        long gen = generations.merge(timer, 1L, Long::sum);
        timers.put(timer, engine.scheduler().schedule(delay, () -> signal(new Signal.Timeout(timer, gen))));
    }

    private void disarm(Timer timer) {
        Scheduler.Cancellable c = timers.remove(timer);
        if (c != null) c.cancel();
        generations.merge(timer, 1L, Long::sum);
    }

    private boolean isCurrent(Signal.Timeout t) {
        return generations.getOrDefault(t.timer(), 0L) == t.generation();
    }

    /** What the platform sees: it reports events into this bot's queue and media into its recorder. */
    private final class Context implements SessionContext, MediaSink {
        @Override public UUID botId() { return id; }

        @Override public BotConfig config() { return config; }

        @Override public dev.baas.spi.MeetingRef meeting() { return record.meeting(); }

        @Override public java.time.Clock clock() { return engine.clock(); }

        @Override public void emit(MeetingEvent event) { signal(new Signal.Meeting(event)); }

        @Override public MediaSink media() { return this; }

        @Override public <T> Optional<T> service(Class<T> type) { return engine.service(type); }

        @Override
        public void audio(AudioFrame frame) {
            if (frame.isMix() && rms(frame.samples()) >= engine.settings().speechRms()) lastSpeech = engine.clock().instant();
            Recorder r = recorder;
            if (r != null) r.audio(frame);
            engine.audioTap(id, frame);
        }

        @Override
        public void video(VideoFrame frame) {
            engine.metrics().capturedVideo();
            Recorder r = recorder;
            if (r != null) r.video(frame);
        }
    }

    static double rms(short[] samples) {
        if (samples.length == 0) return 0;
        double sum = 0;
        for (short s : samples) sum += (double) s * s;
        return Math.sqrt(sum / samples.length);
    }

    /** Ends the bot's thread without a word to the store: the bot belongs to another node. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() { super(null, null, false, false); }
    }

    static BaasException notInCall(UUID id) {
        return new BaasException(ErrorCode.CONFLICT, "bot " + id + " is not in the call");
    }
}
