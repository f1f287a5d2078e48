package dev.baas.core;

import dev.baas.core.media.RecorderFactory;
import dev.baas.core.logging.ProgressLog;
import dev.baas.core.metrics.EngineMetrics;
import dev.baas.core.storage.ArtifactStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.baas.core.store.BotRecord;
import dev.baas.core.store.BotStore;
import dev.baas.core.store.InMemoryBotStore;
import dev.baas.core.streaming.StreamingService;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.Plugins;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.Violation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The meeting-bot engine, embeddable in any Java application:
 *
 * <pre>{@code
 * try (Baas baas = Baas.builder().discoverPlugins().dataDirectory(Path.of("data")).build()) {
 *     UUID bot = baas.join(BotConfig.builder("https://meet.google.com/abc-defg-hij", "Notetaker").build());
 *     baas.events().subscribe(...);
 *     baas.leave(bot);
 * }
 * }</pre>
 */
public final class Baas implements AutoCloseable {
    /** The account embedders' bots belong to when they name none. */
    public static final String DEFAULT_ACCOUNT = "default";

    private final Engine engine;
    private final Map<String, MeetingPlatform> platforms;
    private final Map<String, SpeechToTextProvider> speechToText;
    private final Map<String, String> operatorKeys;
    private final IdGenerator ids;
    private final SystemScheduler ownScheduler;
    private final SubmissionPublisher<BotEvent> publisher = new SubmissionPublisher<>();
    private final StreamingService streaming;
    private final UrlGuard urlGuard;
    private final EngineMetrics metrics;
    private final Optional<Cluster> cluster;

    private Baas(Builder b) {
        this.platforms = Plugins.byName(MeetingPlatform.class, b.platforms, MeetingPlatform::name);
        this.speechToText = Plugins.byName(SpeechToTextProvider.class, b.providers, SpeechToTextProvider::name);
        this.operatorKeys = Map.copyOf(b.operatorKeys);
        this.ids = b.ids;
        Scheduler scheduler = b.scheduler;
        this.ownScheduler = scheduler == null ? new SystemScheduler() : null;
        if (scheduler == null) scheduler = ownScheduler;
        Path data = b.dataDirectory == null ? Path.of("data") : b.dataDirectory;
        EngineSettings settings = b.settings == null ? EngineSettings.defaults(data) : b.settings;
        Transcriber transcriber = b.transcriber != null ? b.transcriber : new ProviderTranscriber(speechToText, operatorKeys);
        this.metrics = new EngineMetrics(b.meterRegistry);
        this.engine = new Engine(b.clock, scheduler, b.store, settings, b.recorders, transcriber, b.services, metrics, Optional.ofNullable(b.artifactStorage), b.capacity);
        engine.listen(e -> { if (!publisher.isClosed()) publisher.offer(e, (subscriber, dropped) -> false); });
        this.urlGuard = b.urlGuard;
        this.cluster = b.cluster == null ? Optional.empty() : Optional.of(new Cluster(engine, b.leases, b.cluster, platforms));
        if (b.cluster != null && b.cluster.runsBots()) engine.fence(b.cluster.node(), b.leases);
        this.streaming = new StreamingService(new StreamingService.Host() {
            @Override public Optional<BotConfig> config(UUID botId) { return engine.store().find(botId).map(BotRecord::config); }

            @Override public void speak(UUID botId, short[] pcm, int sampleRate) { Baas.this.speak(botId, pcm, sampleRate); }

            @Override public void report(BotEvent event) { engine.append(event.botId(), event); }
        }, b.clock, Duration.ofSeconds(30));
        engine.listen(streaming::onEvent);
        engine.tapAudio(streaming::onAudio);
    }

    public static Builder builder() { return new Builder(); }

    /** Sends a bot of the default account. */
    public UUID join(BotConfig config) { return join(DEFAULT_ACCOUNT, config); }

    /**
     * Validates the config, stores the bot and starts it. Returns at once; the bot's progress arrives as events.
     *
     * @throws BaasException {@link ErrorCode#INVALID_REQUEST} naming the broken fields, or
     *                       {@link ErrorCode#INVALID_MEETING_URL} when no platform recognises the URL
     */
    public UUID join(String accountId, BotConfig config) { return join(accountId, config, Optional.empty()); }

    /** As {@link #join(String, BotConfig)}, for a bot sent to a calendar event: its webhooks carry the event's uuid. */
    public UUID join(String accountId, BotConfig config, Optional<UUID> eventUuid) {
        MeetingRef meeting = validate(config);
        UUID id = ids.next();
        Instant now = engine.clock().instant();
        BotRecord record = new BotRecord(id, accountId, config, meeting, BotPhase.SCHEDULED,
                now, Optional.empty(), Optional.empty(), Optional.empty(), eventUuid);
        if (cluster.isEmpty()) {
            engine.store().create(record, List.of());
        } else if (cluster.get().settings().runsBots()) {
            cluster.get().leases().createHeld(record, List.of(), cluster.get().settings().node(), cluster.get().leaseEnd());
        } else {
            engine.store().create(record, List.of()); // an API-only node: a worker claims it
            return id;
        }
        engine.start(record, platforms.get(meeting.platform()));
        return id;
    }

    /** Checks a config as {@link #join} would, without starting anything; returns the recognised meeting. */
    public MeetingRef validate(BotConfig config) {
        List<Violation> violations = new ArrayList<>(config.violations());
        config.speechToText().ifPresent(stt -> checkSpeechToText(stt, violations));
        if (violations.isEmpty()) checkReachable(config, violations);
        if (!violations.isEmpty()) throw BaasException.invalid(violations);
        return resolve(config.meetingUrl());
    }

    /** User-given URLs must not point into the operator's network (unless the operator allows it). */
    private void checkReachable(BotConfig config, List<Violation> violations) {
        Set<String> http = Set.of("http", "https"), ws = Set.of("ws", "wss");
        check(violations, () -> config.webhookUrl().ifPresent(u -> urlGuard.check("webhook_url", u, http)));
        check(violations, () -> config.botImage().ifPresent(u -> urlGuard.check("bot_image", u, http)));
        config.streaming().ifPresent(s -> {
            check(violations, () -> s.output().ifPresent(u -> urlGuard.check("streaming.output", u, ws)));
            check(violations, () -> s.input().ifPresent(u -> urlGuard.check("streaming.input", u, ws)));
        });
    }

    private static void check(List<Violation> violations, Runnable check) {
        try {
            check.run();
        } catch (BaasException e) {
            violations.addAll(e.violations());
        }
    }

    private void checkSpeechToText(SpeechToText stt, List<Violation> violations) {
        Optional<SpeechToTextProvider> provider = Engine.findProvider(speechToText, stt.provider());
        if (provider.isEmpty()) {
            violations.add(new Violation("speech_to_text.provider", "unknown provider '" + stt.provider()
                    + "'; available: " + String.join(", ", speechToText.keySet())));
        } else if (provider.get().requiresApiKey() && stt.apiKey().isEmpty()
                && !operatorKeys.containsKey(provider.get().name())) {
            violations.add(new Violation("speech_to_text.api_key", "is required for provider " + provider.get().name()));
        }
    }

    /**
     * Transcribes a finished bot's recording again, with {@code stt} instead of the provider it joined with. The
     * request is checked at once; the transcription runs on its own virtual thread. Storing the result is the
     * caller's business.
     *
     * @throws BaasException {@link ErrorCode#NOT_FOUND} for an unknown bot, {@link ErrorCode#INVALID_REQUEST} naming
     *                       {@code speech_to_text} fields, {@link ErrorCode#CONFLICT} when there is no audio
     */
    public CompletableFuture<Transcript> retranscribe(UUID botId, MeetingArtifacts artifacts, SpeechToText stt) {
        return retranscribe(botId, artifacts, stt, Map.of(), SpeakerTimeline.empty());
    }

    /**
     * As {@link #retranscribe(UUID, MeetingArtifacts, SpeechToText)}, with the participants (id to name) whose tracks
     * count and who spoke when, as the bot's events recorded them.
     */
    public CompletableFuture<Transcript> retranscribe(UUID botId, MeetingArtifacts artifacts, SpeechToText stt,
                                                      Map<String, String> participantNames, SpeakerTimeline speakers) {
        BotRecord bot = bot(botId).orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "no bot " + botId));
        List<Violation> violations = new ArrayList<>();
        if (stt.provider().isBlank()) violations.add(new Violation("speech_to_text.provider", "is required"));
        else checkSpeechToText(stt, violations);
        if (!violations.isEmpty()) throw BaasException.invalid(violations);
        if (artifacts.audio().isEmpty() && artifacts.participantAudio().isEmpty()) {
            throw new BaasException(ErrorCode.CONFLICT, "bot " + botId + " has no recorded audio to transcribe");
        }
        BotConfig config = bot.config().toBuilder().speechToText(stt).build();
        CompletableFuture<Transcript> result = new CompletableFuture<>();
        Thread.ofVirtual().name("retranscribe-" + botId).start(() -> {
            try {
                result.complete(engine.transcribe(botId, config, artifacts, participantNames, speakers));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The meeting a URL points to, by the first platform that recognises it. */
    public MeetingRef resolve(String url) {
        for (MeetingPlatform p : platforms.values()) {
            Optional<MeetingRef> ref = p.parse(url);
            if (ref.isPresent()) return ref.get();
        }
        throw new BaasException(ErrorCode.INVALID_MEETING_URL, "meeting_url is not a meeting link of a supported platform ("
                + String.join(", ", platforms.keySet()) + ")", List.of(new Violation("meeting_url", "not a supported meeting URL")), null);
    }

    /** Asks the bot to leave; it ends with {@code api_request_stop}. Unknown or finished bots are left alone. */
    public void leave(UUID botId) {
        Optional<BotRunner> runner = engine.runner(botId);
        if (runner.isPresent()) runner.get().signal(new BotRunner.Signal.Leave());
        else cluster.ifPresent(c -> c.requestStop(botId)); // run by another node, or waiting for one
    }

    /** Writes in the meeting's chat through the bot. */
    public void sendChat(UUID botId, String text) {
        engine.runner(botId).orElseThrow(() -> BotRunner.notInCall(botId)).signal(new BotRunner.Signal.Chat(text));
    }

    /** Plays mono 16-bit PCM into the meeting through the bot's microphone. */
    public void speak(UUID botId, short[] pcm, int sampleRate) {
        engine.runner(botId).orElseThrow(() -> BotRunner.notInCall(botId)).signal(new BotRunner.Signal.Speak(pcm, sampleRate));
    }

    /**
     * Takes a screenshot of the bot's meeting now and stores it with the bot's other files.
     *
     * The future fails with a {@link BaasException} {@link ErrorCode#CONFLICT} when the bot is not in the call (or no
     * longer running) or its platform cannot take screenshots.
     */
    public CompletableFuture<Screenshot> screenshot(UUID botId) {
        Optional<BotRunner> runner = engine.runner(botId);
        if (runner.isEmpty()) return CompletableFuture.failedFuture(BotRunner.notInCall(botId));
        CompletableFuture<Screenshot> result = new CompletableFuture<>();
        runner.get().signal(new BotRunner.Signal.TakeScreenshot(result));
        return result;
    }

    /**
     * Finishes the bots of this node that a previous process left unfinished (killed, crashed): those not yet in their
     * meeting run again, the others end with what they recorded ({@code complete}) or {@code failed} when nothing
     * usable was written. Call once at start, before new bots are sent; returns when every one is settled.
     * On a node of a {@link Builder#cluster cluster}, that is the bots it held under its name; it then starts its
     * heartbeat, and (as a worker) claims bots waiting for a node and those of nodes that died.
     */
    public RecoveryReport recover() throws InterruptedException {
        if (cluster.isPresent()) return cluster.get().start();
        return recover(engine.store().unfinished());
    }

    /** As {@link #recover()}, for the given bots only (those a node owns, or took over from a dead node). */
    public RecoveryReport recover(List<BotRecord> bots) throws InterruptedException {
        return new Recovery(engine, platforms).recoverAll(bots.stream().filter(b -> engine.runner(b.id()).isEmpty()).toList());
    }

    public Optional<BotRecord> bot(UUID botId) { return engine.store().find(botId); }

    /** Every bot event, as it happens. Slow subscribers miss events rather than slow the bots. */
    public Flow.Publisher<BotEvent> events() { return publisher; }

    /** A synchronous listener, called on the bot's thread right after the event is stored. Keep it fast. */
    public void onEvent(Consumer<BotEvent> listener) { engine.listen(listener); }

    public void removeListener(Consumer<BotEvent> listener) { engine.unlisten(listener); }

    /** Receives every captured audio frame of every bot, on capture threads. */
    public void onAudio(BiConsumer<UUID, AudioFrame> tap) { engine.tapAudio(tap); }

    public void removeAudioListener(BiConsumer<UUID, AudioFrame> tap) { engine.untapAudio(tap); }

    /** The bot's captured audio (the mix and each participant), in-process; completes when the bot ends. */
    public Flow.Publisher<AudioFrame> audio(UUID botId) { return streaming.audio(botId); }

    /** Counters of the bot's live streams, if it streams. */
    public Optional<StreamingService.StreamStats> streamStats(UUID botId) { return streaming.stats(botId); }

    public Map<String, MeetingPlatform> platforms() { return platforms; }

    public Map<String, SpeechToTextProvider> speechToTextProviders() { return speechToText; }

    public int runningBots() { return engine.runningCount(); }

    /** Bots accepted and waiting in line for a free slot on this node. */
    public int waitingBots() { return engine.waitingBots(); }

    public EngineMetrics metrics() { return metrics; }

    /**
     * How a bot's long work goes while it lasts: encoding its recording after it left, then transcribing it (or
     * transcribing it again). Empty when nothing long is under way.
     */
    public Optional<ProgressLog.Snapshot> progress(UUID botId) { return engine.progress(botId); }

    public Clock clock() { return engine.clock(); }

    /** Where a bot's files are written. */
    public Path botDirectory(UUID botId) { return engine.botDirectory(botId); }

    /** Formats an instant as v1 does: UTC, milliseconds, ending in Z. */
    public static String iso(Instant at) { return Engine.iso(at); }

    @Override
    public void close() {
        cluster.ifPresent(Cluster::close);
        engine.runningIds().forEach(this::leave);
        streaming.close();
        publisher.close();
        if (ownScheduler != null) ownScheduler.close();
    }

    /** Statuses that end a bot's life; convenient for subscribers. */
    public static boolean isFinal(BotEvent e) {
        return e instanceof BotEvent.Completed || e instanceof BotEvent.Failed;
    }

    static boolean is(BotEvent e, BotStatusCode code) {
        return e instanceof BotEvent.StatusChanged s && s.code() == code;
    }

    public static final class Builder {
        private final List<MeetingPlatform> platforms = new ArrayList<>();
        private final List<SpeechToTextProvider> providers = new ArrayList<>();
        private final Map<String, String> operatorKeys = new HashMap<>();
        private final Map<Class<?>, Object> services = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private IdGenerator ids = IdGenerator.RANDOM;
        private BotStore store = new InMemoryBotStore();
        private Path dataDirectory;
        private EngineSettings settings;
        private RecorderFactory recorders = RecorderFactory.WAV;
        private Transcriber transcriber;
        private UrlGuard urlGuard = new UrlGuard(false);
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private ArtifactStorage artifactStorage;
        private BotCapacity capacity = BotCapacity.unlimited();
        private dev.baas.core.store.BotLeases leases;
        private ClusterSettings cluster;

        /**
         * Runs this node as one of several on the database behind {@code leases} (the {@link #store} too): bots are
         * held by lease, renewed by heartbeat once {@link Baas#recover()} is called; see {@link ClusterSettings}.
         */
        public Builder cluster(dev.baas.core.store.BotLeases leases, ClusterSettings settings) {
            this.leases = java.util.Objects.requireNonNull(leases, "leases");
            this.cluster = java.util.Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How many bots run at once; those beyond wait in line as {@code joining_call}. Unlimited by default. */
        public Builder capacity(BotCapacity c) { capacity = java.util.Objects.requireNonNull(c, "capacity"); return this; }

        /** Where finished recordings are put (under their file names) before a bot is reported complete. */
        public Builder artifactStorage(ArtifactStorage s) { artifactStorage = s; return this; }

        /** Where the engine's metrics go (a Prometheus registry in the server). */
        public Builder meterRegistry(MeterRegistry r) { meterRegistry = r; return this; }

        private Builder() {}

        /** Which addresses user-given URLs may point to; by default none in private, loopback or link-local ranges. */
        public Builder urlGuard(UrlGuard g) { urlGuard = g; return this; }

        /** Adds every {@link MeetingPlatform} and {@link SpeechToTextProvider} on the class path. */
        public Builder discoverPlugins() {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            platforms.addAll(Plugins.platforms(cl).values());
            providers.addAll(Plugins.speechToText(cl).values());
            return this;
        }

        public Builder platform(MeetingPlatform p) { platforms.add(p); return this; }

        /** Leaves out a platform found on the class path (the sandbox, when it is not running). */
        public Builder withoutPlatform(String name) { platforms.removeIf(p -> p.name().equals(name)); return this; }

        public Builder speechToText(SpeechToTextProvider p) { providers.add(p); return this; }

        /** A key the operator pays for, used when a join names the provider without a key of its own. */
        public Builder speechToTextKey(String provider, String apiKey) { operatorKeys.put(provider, apiKey); return this; }

        /** Makes {@code service} available to plugins through {@link dev.baas.spi.SessionContext#service}. */
        public <T> Builder service(Class<T> type, T service) { services.put(type, service); return this; }

        public Builder clock(Clock c) { clock = c; return this; }

        public Builder scheduler(Scheduler s) { scheduler = s; return this; }

        public Builder ids(IdGenerator g) { ids = g; return this; }

        public Builder store(BotStore s) { store = s; return this; }

        public Builder dataDirectory(Path p) { dataDirectory = p; return this; }

        public Builder settings(EngineSettings s) { settings = s; return this; }

        public Builder recorders(RecorderFactory r) { recorders = r; return this; }

        public Builder transcriber(Transcriber t) { transcriber = t; return this; }

        public Baas build() { return new Baas(this); }
    }
}
