package dev.baas.core;

import dev.baas.core.logging.ProgressLog;
import dev.baas.core.media.RecorderFactory;
import dev.baas.core.metrics.EngineMetrics;
import dev.baas.core.storage.ArtifactStorage;
import dev.baas.core.store.BotRecord;
import dev.baas.core.store.BotStore;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.Transcript;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.SpeechToTextProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** What bots share: clock, scheduler, store, plugins, and where events go. Package-private; {@link Baas} fronts it. */
final class Engine {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Scheduler scheduler;
    private final BotStore store;
    private final EngineSettings settings;
    private final RecorderFactory recorders;
    private final Transcriber transcriber;
    private final Map<Class<?>, Object> services;
    private final List<Consumer<BotEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<UUID, AudioFrame>> audioTaps = new CopyOnWriteArrayList<>();
    private final Map<UUID, BotRunner> running = new ConcurrentHashMap<>();
    private final EngineMetrics metrics;
    private final Optional<ArtifactStorage> artifactStorage;
    private final Admission admission;

    Engine(Clock clock, Scheduler scheduler, BotStore store, EngineSettings settings, RecorderFactory recorders,
           Transcriber transcriber, Map<Class<?>, Object> services, EngineMetrics metrics,
           Optional<ArtifactStorage> artifactStorage, BotCapacity capacity) {
        this.metrics = metrics;
        this.admission = new Admission(capacity, clock, metrics.admission(this::waitingBots, this::usedUnits,
                capacity.limited() ? capacity.units() : 0));
        this.artifactStorage = artifactStorage;
        this.clock = clock;
        this.scheduler = scheduler;
        this.store = store;
        this.settings = settings;
        this.recorders = recorders;
        this.transcriber = transcriber;
        this.services = Map.copyOf(services);
    }

    Clock clock() { return clock; }

    Scheduler scheduler() { return scheduler; }

    EngineSettings settings() { return settings; }

    RecorderFactory recorders() { return recorders; }

    Transcriber transcriber() { return transcriber; }

    BotStore store() { return store; }

    Path botDirectory(UUID id) { return settings.dataDirectory().resolve("bots").resolve(id.toString()); }

    <T> Optional<T> service(Class<T> type) { return Optional.ofNullable(services.get(type)).map(type::cast); }

    EngineMetrics metrics() { return metrics; }

    /** Transcriptions under way, by bot. */
    private final Map<UUID, ProgressLog> transcribing = new ConcurrentHashMap<>();

    /**
     * Transcribes a bot's recording, logging its progress and counting it in the speech-to-text queue and real-time
     * factor.
     */
    Transcript transcribe(UUID id, BotConfig config, MeetingArtifacts artifacts, Map<String, String> names,
                          SpeakerTimeline speakers) throws InterruptedException {
        ProgressLog progress = new ProgressLog("transcribing", "bot " + id, ProgressLog.Unit.AUDIO_SECONDS,
                artifacts.durationSeconds(), clock, ProgressLog.EVERY);
        transcribing.put(id, progress);
        metrics.transcriptionStarted();
        Optional<Duration> took = Optional.empty();
        try {
            Transcript t = transcriber.transcribe(config, artifacts, names, speakers, progress);
            progress.finish();
            took = Optional.of(progress.elapsed());
            return t;
        } finally {
            transcribing.remove(id, progress);
            metrics.transcriptionEnded(config.speechToText().map(s -> s.provider()).orElse(""), took, progress.total());
        }
    }

    /** How a bot's long work goes: transcribing, or else encoding its recording. */
    Optional<ProgressLog.Snapshot> progress(UUID id) {
        ProgressLog t = transcribing.get(id);
        if (t != null) return Optional.of(t.snapshot());
        return runner(id).flatMap(BotRunner::recordingProgress);
    }

    private static final int STORE_ATTEMPTS = 5;

    /**
     * Puts a finished bot's files into artifact storage under their own names, before the bot is reported complete,
     * so every link in its {@code complete} webhook works. A failing store is retried with backoff; the answer is
     * the reason it finally failed, or empty when everything is stored (or no storage is configured).
     */
    Optional<String> storeArtifacts(UUID id, dev.baas.spi.MeetingArtifacts artifacts) {
        if (artifactStorage.isEmpty()) return Optional.empty();
        List<Path> files = new java.util.ArrayList<>();
        artifacts.video().ifPresent(files::add);
        artifacts.audio().ifPresent(files::add);
        files.addAll(artifacts.participantAudio().values());
        for (Path f : files) {
            String lastError = null;
            for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
                try {
                    artifactStorage.get().put(id, f.getFileName().toString(), f);
                    lastError = null;
                    break;
                } catch (java.io.IOException | RuntimeException e) {
                    lastError = "the recording could not be stored (" + f.getFileName() + "): " + e.getMessage();
                    System.getLogger(Engine.class.getName()).log(System.Logger.Level.WARNING,
                            "bot " + id + ": storing " + f.getFileName() + " failed, attempt " + attempt + " of " + STORE_ATTEMPTS + ": " + e);
                    try {
                        Thread.sleep(java.time.Duration.ofMillis(200L << attempt)); // backoff before the next upload attempt
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return Optional.of("interrupted while storing the recording");
                    }
                }
            }
            if (lastError != null) return Optional.of(lastError);
        }
        return Optional.empty();
    }

    /** The complete event of a bot whose files are stored: transcribed first when the bot asked for it. */
    BotEvent.Completed completed(UUID id, dev.baas.spi.BotConfig config, dev.baas.spi.MeetingArtifacts artifacts,
                                 List<String> speakers, Map<String, String> names, SpeakerTimeline timeline) {
        Optional<dev.baas.spi.Transcript> transcript = Optional.empty();
        Optional<String> transcriptionError = Optional.empty();
        if (config.speechToText().isPresent() && artifacts.audio().isPresent()) {
            try {
                transcript = Optional.of(transcribe(id, config, artifacts, names, timeline));
            } catch (dev.baas.spi.BaasException e) {
                transcriptionError = Optional.of(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                transcriptionError = Optional.of("transcription was interrupted");
            }
        }
        return new BotEvent.Completed(id, clock.instant(), artifacts, speakers, transcript, transcriptionError);
    }

    /**
     * Writes a screenshot of a bot into its folder and, if the engine has artifact storage, stores it there under the
     * same name. The name carries the time it was taken, so listings sort oldest first.
     */
    Screenshot storeScreenshot(UUID id, byte[] png, Instant at) throws java.io.IOException {
        Path dir = botDirectory(id).resolve("screenshots");
        java.nio.file.Files.createDirectories(dir);
        Path file;
        String name;
        int n = 0;
        do {
            name = Screenshot.name(at, n++);
            file = dir.resolve(name);
        } while (java.nio.file.Files.exists(file));
        java.nio.file.Files.write(file, png, java.nio.file.StandardOpenOption.CREATE_NEW);
        if (artifactStorage.isPresent()) artifactStorage.get().put(id, name, file);
        return new Screenshot(id, at, name);
    }

    /**
     * Runs a stored bot: it takes its slot now, or waits in line for one (see {@link BotCapacity}), holding it from
     * now on even when it starts later.
     */
    void start(BotRecord record, MeetingPlatform platform) {
        metrics.moved(record.id(), null, record.phase());
        BotRunner runner = new BotRunner(this, record, platform);
        running.put(record.id(), runner);
        runner.prepare();
        if (admission.admit(record.id(), admission.capacity().weight(record.config().recordingMode()), runner::slotGranted)) {
            runner.slotGranted();
        }
        Thread.ofVirtual().name("bot-" + record.id()).start(runner);
    }

    Optional<BotRunner> runner(UUID id) { return Optional.ofNullable(running.get(id)); }

    int runningCount() { return running.size(); }

    /** The bot's thread ends: its slot goes to the next in line. */
    void finished(BotRunner runner) {
        running.remove(runner.id(), runner);
        admission.release(runner.id());
    }

    /** The bot will not join after all: it gives up its place in line, or its slot. */
    void leaveLine(UUID id) { admission.release(id); }

    int waitingBots() { return admission.waiting(); }

    int usedUnits() { return admission.usedUnits(); }

    /** Units no bot holds now. */
    int freeUnits() { return admission.capacity().units() - admission.usedUnits(); }

    /** The bots running (or waiting for a slot) in this process. */
    List<UUID> runningIds() { return List.copyOf(running.keySet()); }

    /** Where a bot stands in the line for a slot, 1 first; 0 when it is not waiting. */
    int linePosition(UUID id) { return admission.position(id); }

    BotRecord transition(UUID id, BotPhase from, BotPhase to, List<BotEvent> events) {
        return moved(id, from, to, events, store.transition(id, to, clock.instant(), events));
    }

    /** Counts and tells a phase change that was stored as {@code next}. */
    private BotRecord moved(UUID id, BotPhase from, BotPhase to, List<BotEvent> events, BotRecord next) {
        metrics.moved(id, from, to);
        publish(events);
        return next;
    }

    void append(UUID id, BotEvent event) {
        store.append(id, List.of(event));
        publish(List.of(event));
    }

    /** On a node among others: its name and leases, so the bots it runs write only while it holds them. */
    private record Fence(String node, dev.baas.core.store.BotLeases leases) {}

    private volatile Optional<Fence> fence = Optional.empty();

    void fence(String node, dev.baas.core.store.BotLeases leases) { fence = Optional.of(new Fence(node, leases)); }

    /**
     * A phase change by the bot's runner. On a node among others it is refused with
     * {@link dev.baas.core.store.BotLeases.Lost} once another node took the bot over (this node's heartbeat came too
     * late): the runner then lets the bot go instead of writing over the new holder's doing.
     */
    BotRecord transitionAsRunner(UUID id, BotPhase from, BotPhase to, List<BotEvent> events) {
        Optional<Fence> f = fence;
        if (f.isEmpty()) return transition(id, from, to, events);
        return moved(id, from, to, events, f.get().leases().transitionHeld(id, f.get().node(), to, clock.instant(), events));
    }

    /** Events from the bot's runner, fenced as {@link #transitionAsRunner}. */
    void appendAsRunner(UUID id, BotEvent event) {
        Optional<Fence> f = fence;
        if (f.isEmpty()) {
            append(id, event);
            return;
        }
        f.get().leases().appendHeld(id, f.get().node(), List.of(event));
        publish(List.of(event));
    }

    void publish(List<BotEvent> events) {
        for (BotEvent e : events) {
            metrics.event(e);
            for (Consumer<BotEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    System.getLogger(Engine.class.getName()).log(System.Logger.Level.WARNING,
                            "event listener failed on " + e.getClass().getSimpleName() + " of bot " + e.botId(), ex);
                }
            }
        }
    }

    void listen(Consumer<BotEvent> listener) { listeners.add(listener); }

    void unlisten(Consumer<BotEvent> listener) { listeners.remove(listener); }

    void tapAudio(BiConsumer<UUID, AudioFrame> tap) { audioTaps.add(tap); }

    void untapAudio(BiConsumer<UUID, AudioFrame> tap) { audioTaps.remove(tap); }

    void audioTap(UUID id, AudioFrame frame) {
        metrics.capturedAudio();
        for (BiConsumer<UUID, AudioFrame> t : audioTaps) t.accept(id, frame);
    }

    static String iso(Instant at) { return ISO_MILLIS.format(at.truncatedTo(ChronoUnit.MILLIS)); }

    static Optional<SpeechToTextProvider> findProvider(Map<String, SpeechToTextProvider> providers, String name) {
        SpeechToTextProvider exact = providers.get(name);
        if (exact != null) return Optional.of(exact);
        return providers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }
}
