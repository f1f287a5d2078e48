package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.SpeakerTimeline;
import dev.baas.core.Screenshot;
import dev.baas.core.store.Account;
import dev.baas.core.store.BotPage;
import dev.baas.core.store.BotQuery;
import dev.baas.core.store.JooqBotStore;
import dev.baas.core.store.StoredBot;
import dev.baas.core.store.StoredEvent;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.JooqOutboxStore;
import dev.baas.core.webhook.WebhookPayloads;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.Transcript;
import dev.baas.spi.Violation;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** The v1 {@code /bots} operations for one authenticated account. */
final class BotApi {
    static final Duration DEDUP_WINDOW = Duration.ofMinutes(5);
    static final int MAX_LIMIT = 50;
    /** Longer than the browser's own limit on one page action, so its error is the one reported. */
    static final Duration SCREENSHOT_WAIT = Duration.ofSeconds(75);
    private static final System.Logger LOG = System.getLogger(BotApi.class.getName());

    private final Baas baas;
    private final JooqBotStore bots;
    private final Artifacts artifacts;
    private final JoinRequests requests;
    private final Clock clock;
    private final long maxBody;
    private final Object joinLock = new Object();
    private final Map<UUID, CompletableFuture<Void>> retranscriptions = new ConcurrentHashMap<>();
    /** v1 documents delete_data as limited to 5 calls a minute per key. */
    private final RateLimit deletions;

    BotApi(Baas baas, JooqBotStore bots, Artifacts artifacts, JoinRequests requests, long maxBody) {
        this.baas = baas;
        this.bots = bots;
        this.artifacts = artifacts;
        this.requests = requests;
        this.clock = baas.clock();
        this.maxBody = maxBody;
        this.deletions = new RateLimit(5, 5, clock, "delete_data");
    }

    /** {@code POST /bots}: validates everything, refuses duplicates, then starts the bot. */
    void join(Account account, ServerRequest req, ServerResponse res) {
        BotConfig config = requests.join(Json.readObject(req, maxBody));
        baas.validate(config);
        UUID id;
        // the duplicate check and the insert must not interleave with another join of the same account
        synchronized (joinLock) {
            Instant since = clock.instant().minus(DEDUP_WINDOW);
            if (bots.hasRecentDuplicate(account.key(), config.meetingUrl(), config.deduplicationKey(), since)) {
                throw new BaasException(ErrorCode.CONFLICT, "a bot was sent to this meeting less than "
                        + DEDUP_WINDOW.toMinutes() + " minutes ago; set a different deduplication_key to send another",
                        List.of(new Violation("deduplication_key", "same meeting and key as a recent bot")), null);
            }
            id = baas.join(account.key(), config);
        }
        Json.ok(res, Json.object().put("bot_id", id.toString()));
    }

    /** {@code DELETE /bots/{uuid}}: asks the bot to leave. */
    void leave(Account account, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        StoredBot bot = owned(account, pathUuid(req));
        baas.leave(bot.bot().id());
        Json.ok(res, Json.object().put("ok", true));
    }

    void get(Account account, ServerRequest req, ServerResponse res) {
        StoredBot bot = owned(account, pathUuid(req));
        ObjectNode view = BotViews.bot(bot, account, artifacts.listing(bot.bot().id()).key("video").orElse(""));
        List<BotEvent> events = bots.events(bot.bot().id()).stream().map(StoredEvent::event).toList();
        // the latest v1 status, and who is in the meeting now, from the bot's own event log
        events.stream().filter(e -> e instanceof BotEvent.StatusChanged).reduce((a, b) -> b).ifPresentOrElse(
                last -> view.set("status", Json.object().put("code", ((BotEvent.StatusChanged) last).code().wireName())
                        .put("created_at", Baas.iso(last.at()))),
                () -> view.putNull("status"));
        var participants = view.putArray("participants");
        events.stream().filter(e -> e instanceof BotEvent.ParticipantsChanged).reduce((a, b) -> b)
                .ifPresent(p -> ((BotEvent.ParticipantsChanged) p).present()
                        .forEach(x -> participants.addObject().put("id", x.id()).put("name", x.name())));
        baas.streamStats(bot.bot().id()).ifPresent(s -> view.putObject("streaming").put("frames_sent", s.framesSent())
                .put("frames_dropped", s.framesDropped()).put("frames_received", s.framesReceived())
                .put("frames_rejected", s.framesRejected()).put("reconnects", s.reconnects())
                .put("output_connected", s.outputConnected()));
        // beyond v1: how encoding or transcribing goes, while it lasts
        baas.progress(bot.bot().id()).ifPresent(p -> {
            ObjectNode n = view.putObject("progress").put("stage", p.stage()).put("percent", p.percent());
            if (p.eta().isPresent()) n.put("eta_s", p.eta().get().toSeconds());
            else n.putNull("eta_s");
        });
        Json.ok(res, view);
    }

    /** {@code GET /bots/{uuid}/events}: everything that happened to the bot, oldest first. */
    void events(Account account, ServerRequest req, ServerResponse res) {
        StoredBot bot = owned(account, pathUuid(req));
        var out = Json.array();
        bots.events(bot.bot().id()).forEach(e -> out.add(EventViews.view(e.event())));
        Json.ok(res, out);
    }

    /** {@code GET /bots/{uuid}/screenshots}: v1 {@code ScreenshotWrapper[]}, oldest first. */
    void screenshots(Account account, ServerRequest req, ServerResponse res) {
        StoredBot bot = owned(account, pathUuid(req));
        Json.ok(res, artifacts.screenshots(bot.bot().id()));
    }

    /** {@code POST /bots/{uuid}/screenshots}: the bot takes a screenshot now; answers its {@code ScreenshotWrapper}. */
    void takeScreenshot(Account account, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        UUID id = owned(account, pathUuid(req)).bot().id();
        Screenshot shot;
        try {
            shot = baas.screenshot(id).get(SCREENSHOT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.UNAVAILABLE, "interrupted while the bot took a screenshot", e);
        } catch (TimeoutException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "the bot took no screenshot within " + SCREENSHOT_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BaasException b) throw b;
            throw new BaasException(ErrorCode.UNAVAILABLE, "the screenshot failed: " + e.getCause().getMessage(), e.getCause());
        }
        Json.ok(res, artifacts.screenshot(id, shot.at(), shot.name()));
    }

    /** {@code GET /bots/meeting_data?bot_id=&include_transcripts=}. */
    void meetingData(Account account, ServerRequest req, ServerResponse res) {
        String raw = req.query().first("bot_id").orElseThrow(() -> BaasException.invalid("bot_id", "is required"));
        UUID id = parseUuid(raw).orElseThrow(() -> BaasException.invalid("bot_id", "must be a UUID"));
        boolean withTranscripts = bool(req, "include_transcripts", true);
        StoredBot bot = owned(account, id);
        Artifacts.Listing stored = artifacts.listing(id);
        ObjectNode n = Json.object()
                .put("mp4", stored.link("video"))
                .put("audio", stored.link("audio"))
                .put("meeting_participants_file", "")
                .put("speaker_diarization_file", "")
                .put("speaker_diarization_file_network", "")
                .put("duration", BotViews.duration(bot).orElse(0L));
        // beyond v1: each participant's own audio track, by participant
        ObjectNode tracks = n.putObject("participant_audio");
        bot.artifacts().ifPresent(a -> stored.participantAudio(a).forEach(tracks::put));
        ObjectNode data = n.putObject("bot_data");
        data.set("bot", BotViews.botWithParams(bot, account, stored.key("video").orElse("")));
        data.set("transcripts", withTranscripts ? BotViews.transcripts(bot) : Json.array());
        data.putNull("event_uuid");
        Json.ok(res, n);
    }

    /** {@code GET /bots/bots_with_metadata}: the account's bots, newest first, filtered, by pages. */
    void list(Account account, ServerRequest req, ServerResponse res) {
        List<Violation> v = new ArrayList<>();
        int limit = 10;
        Optional<String> rawLimit = query(req, "limit");
        if (rawLimit.isPresent()) {
            try {
                limit = Integer.parseInt(rawLimit.get().trim());
                if (limit < 1 || limit > MAX_LIMIT) v.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
            } catch (NumberFormatException e) {
                v.add(new Violation("limit", "must be an integer"));
            }
        }
        Optional<Instant> createdAfter = date(req, "created_after", v);
        Optional<Instant> createdBefore = date(req, "created_before", v);
        Optional<Instant> endedAfter = date(req, "ended_after", v);
        Map<String, String> extra = new LinkedHashMap<>();
        query(req, "filter_by_extra").ifPresent(f -> {
            for (String pair : f.split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0) v.add(new Violation("filter_by_extra", "must be key:value pairs separated by commas"));
                else extra.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
        });
        Optional<BotQuery.ExtraSort> sort = query(req, "sort_by_extra").flatMap(s -> {
            String[] parts = s.split(":", -1);
            boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
            if (parts[0].isBlank() || parts.length > 2 || (parts.length == 2 && !desc && !parts[1].equalsIgnoreCase("asc"))) {
                v.add(new Violation("sort_by_extra", "must be field, field:asc or field:desc"));
                return Optional.empty();
            }
            return Optional.of(new BotQuery.ExtraSort(parts[0].trim(), desc));
        });
        if (!v.isEmpty()) throw BaasException.invalid(v);
        BotQuery q = new BotQuery(limit, query(req, "cursor"), query(req, "bot_name"), query(req, "meeting_url"),
                createdAfter, createdBefore, endedAfter, extra, sort, query(req, "speaker_name"));
        BotPage page = bots.list(account.key(), q);
        ObjectNode n = Json.object();
        ArrayNode list = n.putArray("bots");
        page.bots().forEach(b -> list.add(BotViews.recent(b)));
        if (page.nextCursor().isPresent()) n.put("next_cursor", page.nextCursor().get());
        else n.putNull("next_cursor");
        n.put("last_updated", BotViews.iso(clock.instant()));
        Json.ok(res, n);
    }

    /** {@code POST /bots/{uuid}/delete_data}: deletes the recording files and the transcript; the bot stays listed. */
    void deleteData(Account account, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        deletions.acquire(Long.toString(account.id()));
        StoredBot bot = owned(account, pathUuid(req));
        UUID id = bot.bot().id();
        if (!bot.bot().phase().isTerminal()) {
            throw new BaasException(ErrorCode.CONFLICT, "the bot is still running; stop it before deleting its data");
        }
        String status;
        if (bot.dataDeleted()) {
            status = "alreadyDeleted";
        } else {
            boolean found = bot.transcript().isPresent() || bot.artifacts().isPresent();
            boolean failed = false;
            try {
                found |= !artifacts.deleteAll(id).isEmpty();
            } catch (IOException e) {
                failed = true;
                LOG.log(System.Logger.Level.WARNING, "stored artifacts of bot " + id + " not all deleted", e);
            }
            try {
                found |= deleteTree(baas.botDirectory(id));
            } catch (IOException e) {
                failed = true;
                LOG.log(System.Logger.Level.WARNING, "recording files of bot " + id + " not all deleted", e);
            }
            if (failed) {
                status = "partiallyDeleted";
            } else {
                bots.markDataDeleted(id);
                status = found ? "deleted" : "noDataFound";
            }
        }
        Json.ok(res, Json.object().put("ok", true).put("status", status));
    }

    /**
     * {@code POST /bots/retranscribe}: transcribes a finished bot again, in the background; 202 at once. The new
     * transcript and its {@code transcription_complete} webhook (to the request's {@code webhook_url}, else the bot's,
     * else the account's) are stored in one transaction.
     */
    void retranscribe(Account account, ServerRequest req, ServerResponse res) {
        JoinRequests.Retranscribe r = requests.retranscribe(Json.readObject(req, maxBody));
        UUID id = parseUuid(r.botUuid()).orElseThrow(() -> BaasException.invalid("bot_uuid", "must be a UUID"));
        StoredBot bot = owned(account, id);
        if (!bot.bot().phase().isTerminal()) throw new BaasException(ErrorCode.CONFLICT, "the bot has not finished yet");
        SpeechToText stt = r.speechToText().or(() -> bot.bot().config().speechToText())
                .orElseThrow(() -> BaasException.invalid("speech_to_text", "is required: the bot joined without one"));
        var artifactsOfBot = bot.artifacts()
                .orElseThrow(() -> new BaasException(ErrorCode.CONFLICT, "the bot has no recording to transcribe"));
        List<BotEvent> history = bots.events(id).stream().map(StoredEvent::event).toList();
        SpeakerTimeline timeline = SpeakerTimeline.fromEvents(history, bot.bot().endedAt().orElse(clock.instant()));
        Optional<String> hook = r.webhookUrl().or(() -> bot.bot().config().webhookUrl()).or(account::webhookUrl);
        CompletableFuture<Transcript> running = baas.retranscribe(id, artifactsOfBot, stt, participantNames(history), timeline);
        retranscriptions.put(id, running.thenAccept(t -> bots.saveTranscript(id, t, tx -> hook.ifPresent(url ->
                JooqOutboxStore.enqueue(tx, List.of(new Delivery.New(bot.bot().accountId(), Optional.of(id),
                        WebhookPlanner.newMessageId(), WebhookPayloads.TRANSCRIPTION_COMPLETE, url,
                        WebhookPayloads.transcriptionComplete(id))), clock.instant()))))
                .whenComplete((ok, err) -> {
                    if (err != null) LOG.log(System.Logger.Level.WARNING, "retranscription of bot " + id + " failed", err);
                }));
        res.status(202);
        res.send();
    }

    /** Everyone the bot saw in the meeting, id to name: whose audio tracks are theirs. */
    private static Map<String, String> participantNames(List<BotEvent> history) {
        Map<String, String> names = new LinkedHashMap<>();
        for (BotEvent e : history) {
            if (e instanceof BotEvent.ParticipantsChanged p) p.present().forEach(x -> names.put(x.id(), x.name()));
            else if (e instanceof BotEvent.Speaker s) names.put(s.participant().id(), s.participant().name());
        }
        return names;
    }

    /** The last retranscription started for a bot (tests and the outbox wait on it). */
    Optional<CompletableFuture<Void>> retranscription(UUID botId) { return Optional.ofNullable(retranscriptions.get(botId)); }

    /** A bot of this account; another account's bot is as unknown as a missing one. */
    private StoredBot owned(Account account, UUID id) {
        return bots.details(id).filter(b -> b.bot().accountId().equals(account.key()))
                .orElseThrow(() -> ApiErrors.notFound("bot " + id));
    }

    private static UUID pathUuid(ServerRequest req) {
        String raw = req.path().pathParameters().get("uuid");
        return parseUuid(raw).orElseThrow(() -> ApiErrors.notFound("bot"));
    }

    static Optional<UUID> parseUuid(String raw) {
        if (raw == null || !raw.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(raw));
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(s -> !s.isEmpty());
    }

    private static boolean bool(ServerRequest req, String name, boolean otherwise) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) return otherwise;
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BaasException.invalid(name, "must be true or false");
        };
    }

    /** ISO-8601 instants, with or without offset (UTC assumed), or plain dates (midnight UTC). */
    private static Optional<Instant> date(ServerRequest req, String name, List<Violation> v) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) return Optional.empty();
        String s = raw.get().trim();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e1) {
            try {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e3) {
                    v.add(new Violation(name, "must be an ISO-8601 date or date-time"));
                    return Optional.empty();
                }
            }
        }
    }

    /** Deletes a folder and everything in it; returns whether there was anything. */
    private static boolean deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return false;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        return true;
    }
}
