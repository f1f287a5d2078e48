package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.BotPhase;
import dev.baas.core.IdGenerator;
import dev.baas.core.Scheduler;
import dev.baas.core.calendar.CalendarRecord.CalendarStatus;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.OutboxStore;
import dev.baas.core.webhook.WebhookPayloads;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Plugins;
import dev.baas.spi.Violation;
import dev.baas.spi.calendar.CalendarEvent;
import dev.baas.spi.calendar.CalendarProvider;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.RawCalendar;
import dev.baas.spi.calendar.SyncBatch;
import dev.baas.spi.calendar.TokenGrant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Calendars that send bots by themselves: connects calendars (a token refresh proves the credentials), syncs them
 * periodically with jitter and on demand, keeps their events, and hands the engine a bot {@code lead_time} before
 * each event a bot was asked for, following the event when it moves and withdrawing the bot when it is cancelled.
 */
public final class CalendarService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CalendarService.class.getName());

    private final Baas baas;
    private final CalendarStore store;
    private final Map<String, CalendarProvider> providers;
    private final Optional<OutboxStore> outbox;
    private final Function<String, Optional<String>> accountWebhookUrl;
    private final TokenCipher cipher;
    private final Scheduler scheduler;
    private final CalendarSettings settings;
    private final RandomGenerator random;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();
    private volatile Scheduler.Cancellable nextRound;
    private volatile boolean closed;

    private CalendarService(Builder b) {
        this.baas = b.baas;
        this.store = b.store;
        this.providers = Plugins.byName(CalendarProvider.class, b.providers, CalendarProvider::name);
        this.outbox = Optional.ofNullable(b.outbox);
        this.accountWebhookUrl = b.accountWebhookUrl;
        this.cipher = b.cipher;
        this.scheduler = b.scheduler;
        this.settings = b.settings;
        this.random = b.random;
        this.ids = b.ids;
        this.clock = baas.clock();
    }

    public static Builder builder(Baas baas, CalendarStore store, TokenCipher cipher, Scheduler scheduler) {
        return new Builder(baas, store, cipher, scheduler);
    }

    /** The outcome of syncing one calendar: the events it touched, or why it failed. */
    public record SyncOutcome(UUID calendarUuid, List<UUID> affectedEvents, Optional<String> error) {}

    /** Filters of v1's list_events. */
    public record EventFilter(String status, Optional<Instant> startGte, Optional<Instant> startLte,
                              Optional<Instant> updatedGte, Optional<String> attendeeEmail, Optional<String> organizerEmail) {
        public static EventFilter upcoming() {
            return new EventFilter("upcoming", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public record EventPage(List<EventRecord> events, Optional<String> next) {}

    public static final int PAGE_SIZE = 100;

    // ---- connecting ----

    public Set<String> platforms() { return providers.keySet(); }

    public List<RawCalendar> rawCalendars(String platform, OAuthClient client, String refreshToken) {
        CalendarProvider p = provider(platform);
        return p.calendars(p.refresh(client, refreshToken).accessToken());
    }

    /**
     * Connects a calendar: refreshes a token (which proves the credentials), picks {@code rawCalendarId} or the primary
     * calendar, stores it with its secrets sealed, and syncs it once.
     */
    public CalendarRecord connect(String accountId, String platform, OAuthClient client, String refreshToken,
                                  Optional<String> rawCalendarId) {
        CalendarProvider p = provider(platform);
        TokenGrant grant = p.refresh(client, refreshToken);
        RawCalendar chosen = choose(p.calendars(grant.accessToken()), rawCalendarId);
        for (CalendarRecord c : store.calendars(Optional.of(accountId))) {
            if (c.platform().equals(p.name()) && c.rawCalendarId().equals(chosen.id())) {
                throw new BaasException(ErrorCode.CONFLICT, "calendar " + chosen.id() + " is already connected as " + c.uuid());
            }
        }
        CalendarRecord c = new CalendarRecord(ids.next(), accountId, p.name(), client.clientId(), cipher.seal(client.clientSecret()),
                cipher.seal(grant.refreshToken().orElse(refreshToken)), chosen.id(), chosen.name(),
                chosen.email().isBlank() ? chosen.id() : chosen.email(), Optional.empty(), CalendarStatus.CONNECTED,
                Optional.empty(), clock.instant(), Optional.empty());
        store.saveCalendar(c);
        sync(c.uuid(), false, settings.syncDays());
        return store.findCalendar(c.uuid()).orElseThrow();
    }

    /** Replaces a calendar's credentials (after a failed refresh, say) and syncs it again from scratch. */
    public CalendarRecord update(String accountId, UUID uuid, String platform, OAuthClient client, String refreshToken) {
        CalendarRecord old = calendar(accountId, uuid);
        CalendarProvider p = provider(platform);
        if (!p.name().equals(old.platform())) throw BaasException.invalid("platform", "must stay " + old.platform());
        TokenGrant grant = p.refresh(client, refreshToken);
        CalendarRecord c = new CalendarRecord(uuid, accountId, old.platform(), client.clientId(), cipher.seal(client.clientSecret()),
                cipher.seal(grant.refreshToken().orElse(refreshToken)), old.rawCalendarId(), old.name(), old.email(),
                Optional.empty(), CalendarStatus.CONNECTED, Optional.empty(), old.createdAt(), old.lastSyncedAt());
        store.saveCalendar(c);
        sync(uuid, true, settings.syncDays());
        return store.findCalendar(uuid).orElseThrow();
    }

    /** Disconnects a calendar: bots not yet started for its events are withdrawn. */
    public void delete(String accountId, UUID uuid) {
        calendar(accountId, uuid);
        synchronized (lock(uuid)) {
            store.events(uuid).forEach(e -> e.botId().ifPresent(this::withdraw));
            store.deleteCalendar(uuid);
        }
    }

    public CalendarRecord calendar(String accountId, UUID uuid) {
        return store.findCalendar(uuid).filter(c -> c.accountId().equals(accountId))
                .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "calendar " + uuid + " not found"));
    }

    public List<CalendarRecord> calendars(String accountId) { return store.calendars(Optional.of(accountId)); }

    // ---- syncing ----

    /** Syncs every calendar of the account from scratch over the next {@code days} days (v1's resync_all). */
    public List<SyncOutcome> resyncAll(String accountId, int days) {
        if (days < 1 || days > 366) throw BaasException.invalid("days", "must be between 1 and 366");
        List<SyncOutcome> out = new ArrayList<>();
        for (CalendarRecord c : store.calendars(Optional.of(accountId))) out.add(sync(c.uuid(), true, days));
        return out;
    }

    /** One incremental sync of one calendar (a full one if it has no sync position yet). */
    public SyncOutcome sync(UUID uuid) { return sync(uuid, false, settings.syncDays()); }

    private SyncOutcome sync(UUID uuid, boolean full, int days) {
        synchronized (lock(uuid)) {
            CalendarRecord c = store.findCalendar(uuid)
                    .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "calendar " + uuid + " not found"));
            CalendarProvider p = provider(c.platform());
            Instant now = clock.instant();
            Instant from = now.minus(settings.pastWindow()), to = now.plus(Duration.ofDays(days));
            SyncBatch batch;
            try {
                TokenGrant grant = p.refresh(new OAuthClient(c.clientId(), cipher.open(c.clientSecretSealed())),
                        cipher.open(c.refreshTokenSealed()));
                if (grant.refreshToken().isPresent()) {
                    // Microsoft rotates refresh tokens: keep the new one before anything else can fail.
                    c = c.withRefreshToken(cipher.seal(grant.refreshToken().get()));
                    store.saveCalendar(c);
                }
                batch = p.sync(grant.accessToken(), c.rawCalendarId(), full ? Optional.empty() : c.syncToken(), from, to);
            } catch (BaasException e) {
                CalendarStatus status = e.code() == ErrorCode.UNAUTHORIZED ? CalendarStatus.REFRESH_FAILED : CalendarStatus.SYNC_FAILED;
                LOG.log(System.Logger.Level.WARNING, "calendar " + uuid + " sync failed: " + e.getMessage());
                c = c.failed(status, e.getMessage());
                store.saveCalendar(c);
                launchDue(c); // a provider outage must not cost the bots of events already known
                return new SyncOutcome(uuid, List.of(), Optional.of(e.getMessage()));
            }
            List<UUID> affected = apply(c, batch, now, from, to);
            c = c.synced(Optional.of(batch.nextSyncToken()), now);
            store.saveCalendar(c);
            launchDue(c);
            if (!affected.isEmpty()) notify(c, now, affected);
            return new SyncOutcome(uuid, affected, Optional.empty());
        }
    }

    private List<UUID> apply(CalendarRecord c, SyncBatch batch, Instant now, Instant from, Instant to) {
        Map<String, EventRecord> existing = new HashMap<>();
        for (EventRecord e : store.events(c.uuid())) existing.put(e.providerId(), e);
        Set<String> seen = new LinkedHashSet<>();
        Map<String, EventRecord> changed = new java.util.LinkedHashMap<>();
        for (CalendarEvent ev : batch.events()) {
            if (ev.cancelled()) {
                for (EventRecord old : existing.values()) {
                    boolean ofSeries = old.recurringEventId().equals(Optional.of(ev.id())) && old.providerId().startsWith(ev.id() + "_");
                    if ((old.providerId().equals(ev.id()) || ofSeries) && !old.deleted()) changed.put(old.providerId(), remove(old, now));
                }
                seen.add(ev.id());
                continue;
            }
            List<CalendarEvent> instances = ev.isSeriesMaster() ? Recurrences.expand(ev, from, to) : List.of(ev);
            if (ev.isSeriesMaster()) {
                Set<String> ids = new LinkedHashSet<>();
                instances.forEach(i -> ids.add(i.id()));
                for (EventRecord old : existing.values()) {
                    if (old.recurringEventId().equals(Optional.of(ev.id())) && old.providerId().startsWith(ev.id() + "_")
                            && !ids.contains(old.providerId()) && !old.deleted()) {
                        changed.put(old.providerId(), remove(old, now)); // an occurrence the new rule no longer has
                    }
                }
            }
            for (CalendarEvent i : instances) {
                if (i.start().isEmpty()) continue;
                seen.add(i.id());
                upsert(c, i, existing, changed, now).ifPresent(r -> changed.put(r.providerId(), r));
            }
        }
        if (batch.full()) {
            for (EventRecord old : existing.values()) {
                if (!seen.contains(old.providerId()) && !old.deleted() && !changed.containsKey(old.providerId())) {
                    changed.put(old.providerId(), remove(old, now));
                }
            }
        }
        store.saveEvents(List.copyOf(changed.values()));
        return changed.values().stream().map(EventRecord::uuid).toList();
    }

    private Optional<EventRecord> upsert(CalendarRecord c, CalendarEvent ev, Map<String, EventRecord> existing,
                                         Map<String, EventRecord> changed, Instant now) {
        EventRecord old = existing.get(ev.id());
        String url = meetingUrl(ev.meetingLinks());
        Instant start = ev.start().orElseThrow();
        Instant end = ev.end().orElse(start);
        Optional<String> param = old == null ? Optional.empty() : old.botParam();
        boolean series = old != null && old.seriesBot();
        if (old == null && ev.recurringEventId().isPresent()) {
            // a new occurrence of a series that asked for a bot at every occurrence gets one too
            Optional<EventRecord> sibling = siblings(existing.values(), ev.recurringEventId().get()).stream()
                    .filter(EventRecord::seriesBot).findFirst();
            if (sibling.isPresent()) {
                param = sibling.get().botParam();
                series = true;
            }
        }
        EventRecord rec = new EventRecord(old == null ? ids.next() : old.uuid(), c.uuid(), ev.id(), ev.recurringEventId(),
                ev.title(), url, start, end, ev.updated().orElse(now), false, ev.selfIsOrganizer(), ev.attendees(),
                ev.organizer().map(a -> a.email()), ev.rawJson(), param, series,
                old == null ? Optional.empty() : old.botId(), old == null ? Optional.empty() : old.botError());
        if (old == null) return Optional.of(rec);
        boolean moved = !old.start().equals(start) || !old.meetingUrl().equals(url) || old.deleted();
        if (moved) {
            old.botId().ifPresent(this::withdraw); // relaunched for the new time or link by launchDue
            return Optional.of(rec.withBot(param, series, Optional.empty(), Optional.empty()));
        }
        boolean same = old.raw().equals(rec.raw()) && old.name().equals(rec.name()) && old.end().equals(end);
        return same ? Optional.empty() : Optional.of(rec);
    }

    private EventRecord remove(EventRecord old, Instant now) {
        old.botId().ifPresent(this::withdraw);
        return old.deleted(now);
    }

    /** Stops a bot that has not started yet; one already in the meeting is left to finish. */
    private void withdraw(UUID botId) {
        baas.bot(botId).filter(b -> b.phase() == BotPhase.SCHEDULED).ifPresent(b -> baas.leave(botId));
    }

    /** The first link a platform recognises, else the first link, else "". */
    private String meetingUrl(List<String> links) {
        for (String l : links) {
            try {
                baas.resolve(l);
                return l;
            } catch (BaasException notAMeeting) {
                // try the next candidate
            }
        }
        return links.isEmpty() ? "" : links.getFirst();
    }

    /** Why no bot can be sent to this event, if it cannot. */
    private Optional<String> linkProblem(EventRecord e) {
        if (e.meetingUrl().isBlank()) {
            return Optional.of("event " + e.uuid() + " has no meeting link (looked in conference data, online meeting, location and description)");
        }
        try {
            baas.resolve(e.meetingUrl());
            return Optional.empty();
        } catch (BaasException ex) {
            return Optional.of("event " + e.uuid() + " link " + e.meetingUrl() + " is not a meeting of a supported platform ("
                    + String.join(", ", baas.platforms().keySet()) + ")");
        }
    }

    /** Hands the engine the bots of events starting within the launch horizon; the engine waits for their start time. */
    private void launchDue(CalendarRecord c) {
        if (c.status() == CalendarStatus.REFRESH_FAILED) return; // the user withdrew access: send nothing more
        Instant now = clock.instant();
        List<EventRecord> launched = new ArrayList<>();
        for (EventRecord e : store.events(c.uuid())) {
            if (e.deleted() || e.botParam().isEmpty() || e.botId().isPresent() || e.botError().isPresent()) continue;
            if (!e.end().isAfter(now) || e.start().minus(settings.leadTime()).isAfter(now.plus(settings.launchHorizon()))) continue;
            launched.add(launch(c, e, now));
        }
        store.saveEvents(launched);
    }

    private EventRecord launch(CalendarRecord c, EventRecord e, Instant now) {
        Optional<String> problem = linkProblem(e);
        if (problem.isPresent()) return e.withBot(e.botParam(), e.seriesBot(), Optional.empty(), problem);
        Instant joinAt = e.start().minus(settings.leadTime());
        Optional<Long> startTime = joinAt.isAfter(now) ? Optional.of(joinAt.getEpochSecond()) : Optional.empty();
        try {
            UUID bot = baas.join(c.accountId(), BotParams.config(BotParams.parse(e.botParam().get()), e.meetingUrl(), startTime),
                    Optional.of(e.uuid()));
            return e.withBot(e.botParam(), e.seriesBot(), Optional.of(bot), Optional.empty());
        } catch (BaasException ex) {
            return e.withBot(e.botParam(), e.seriesBot(), Optional.empty(), Optional.of(ex.getMessage()));
        }
    }

    private void notify(CalendarRecord c, Instant now, List<UUID> affected) {
        if (outbox.isEmpty()) return;
        accountWebhookUrl.apply(c.accountId()).ifPresent(url -> outbox.get().enqueue(List.of(new Delivery.New(c.accountId(),
                Optional.empty(), WebhookPlanner.newMessageId(), WebhookPayloads.CALENDAR_SYNC_EVENTS, url,
                WebhookPayloads.calendarSyncEvents(c.uuid(), now, affected))), now));
    }

    // ---- periodic sync ----

    /** Starts syncing every calendar every {@code sync_interval}, give or take {@code sync_jitter}. */
    public void start() { planNextRound(); }

    private void planNextRound() {
        if (closed) return;
        double spread = settings.syncJitter() * (2 * random.nextDouble() - 1);
        Duration delay = Duration.ofMillis(Math.max(1000, (long) (settings.syncInterval().toMillis() * (1 + spread))));
        nextRound = scheduler.schedule(delay, this::round);
    }

    private void round() {
        try {
            for (CalendarRecord c : store.calendars(Optional.empty())) {
                if (closed) return;
                if (c.status() == CalendarStatus.REFRESH_FAILED) continue; // waits for new credentials
                try {
                    sync(c.uuid());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "calendar " + c.uuid() + " sync crashed", e);
                }
            }
        } finally {
            planNextRound();
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable n = nextRound;
        if (n != null) n.cancel();
    }

    // ---- events and their bots ----

    public EventRecord event(String accountId, UUID uuid) {
        EventRecord e = store.findEvent(uuid).orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "event " + uuid + " not found"));
        calendar(accountId, e.calendarUuid());
        return e;
    }

    public EventPage events(String accountId, UUID calendarUuid, EventFilter f, Optional<String> cursor) {
        calendar(accountId, calendarUuid);
        Instant now = clock.instant();
        int offset = cursor.map(CalendarService::offset).orElse(0);
        List<EventRecord> matching = store.events(calendarUuid).stream().filter(e -> {
            // deletions are listed only to a client asking what changed since a time
            if (e.deleted() && f.updatedGte().isEmpty()) return false;
            boolean ok = switch (f.status().toLowerCase(Locale.ROOT)) {
                case "upcoming" -> e.end().isAfter(now);
                case "past" -> !e.end().isAfter(now);
                case "all" -> true;
                default -> throw BaasException.invalid("status", "must be upcoming, past or all");
            };
            ok &= f.startGte().map(t -> !e.start().isBefore(t)).orElse(true);
            ok &= f.startLte().map(t -> !e.start().isAfter(t)).orElse(true);
            ok &= f.updatedGte().map(t -> !e.lastUpdatedAt().isBefore(t)).orElse(true);
            ok &= f.attendeeEmail().map(m -> e.attendees().stream().anyMatch(a -> a.email().equalsIgnoreCase(m))).orElse(true);
            ok &= f.organizerEmail().map(m -> e.organizerEmail().map(m::equalsIgnoreCase).orElse(false)).orElse(true);
            return ok;
        }).toList();
        List<EventRecord> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + PAGE_SIZE, matching.size()));
        Optional<String> next = offset + PAGE_SIZE < matching.size() ? Optional.of(cursor(offset + PAGE_SIZE)) : Optional.empty();
        return new EventPage(page, next);
    }

    private static String cursor(int offset) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        try {
            String s = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) throw new IllegalArgumentException();
            return Math.max(0, Integer.parseInt(s.substring(2)));
        } catch (IllegalArgumentException e) {
            throw BaasException.invalid("cursor", "is not a cursor this server gave out");
        }
    }

    /**
     * Asks for a bot at the event, or at every coming occurrence of its series with {@code allOccurrences}.
     * An event whose link no platform recognises gets the reason as its bot error and no bot; if no target event has
     * a usable link the call fails with {@code INVALID_MEETING_URL}.
     */
    public List<EventRecord> scheduleBot(String accountId, UUID eventUuid, JsonNode body, boolean allOccurrences) {
        EventRecord e = event(accountId, eventUuid);
        ObjectNode param = BotParams.forSchedule(body);
        synchronized (lock(e.calendarUuid())) {
            List<EventRecord> targets = targets(e, allOccurrences);
            List<EventRecord> updated = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (EventRecord t : targets) {
                t.botId().ifPresent(this::withdraw);
                Optional<String> problem = linkProblem(t);
                problem.ifPresent(problems::add);
                updated.add(problem.isPresent() ? t.withBot(Optional.empty(), false, Optional.empty(), problem)
                        : t.withBot(Optional.of(param.toString()), allOccurrences && t.isRecurring(), Optional.empty(), Optional.empty()));
            }
            store.saveEvents(updated);
            if (problems.size() == targets.size()) {
                throw new BaasException(ErrorCode.INVALID_MEETING_URL, problems.getFirst(),
                        List.of(new Violation("meeting_url", "not a supported meeting URL")), null);
            }
            launchDue(calendar(accountId, e.calendarUuid()));
            return reload(updated);
        }
    }

    /** Changes the bot parameters of the event (or of every coming occurrence); bots not yet started are re-sent. */
    public List<EventRecord> patchBot(String accountId, UUID eventUuid, JsonNode body, boolean allOccurrences) {
        EventRecord e = event(accountId, eventUuid);
        synchronized (lock(e.calendarUuid())) {
            List<EventRecord> targets = targets(e, allOccurrences).stream().filter(t -> t.botParam().isPresent()).toList();
            if (targets.isEmpty()) throw new BaasException(ErrorCode.NOT_FOUND, "event " + eventUuid + " has no bot scheduled");
            List<EventRecord> updated = new ArrayList<>();
            for (EventRecord t : targets) {
                ObjectNode param = BotParams.patched(BotParams.parse(t.botParam().get()), body);
                t.botId().ifPresent(this::withdraw);
                updated.add(t.withBot(Optional.of(param.toString()), t.seriesBot(), Optional.empty(), Optional.empty()));
            }
            store.saveEvents(updated);
            launchDue(calendar(accountId, e.calendarUuid()));
            return reload(updated);
        }
    }

    /** Withdraws the bot of the event (or of every coming occurrence). */
    public List<EventRecord> unscheduleBot(String accountId, UUID eventUuid, boolean allOccurrences) {
        EventRecord e = event(accountId, eventUuid);
        synchronized (lock(e.calendarUuid())) {
            List<EventRecord> updated = new ArrayList<>();
            for (EventRecord t : targets(e, allOccurrences)) {
                t.botId().ifPresent(this::withdraw);
                updated.add(t.withBot(Optional.empty(), false, Optional.empty(), Optional.empty()));
            }
            store.saveEvents(updated);
            return reload(updated);
        }
    }

    private List<EventRecord> targets(EventRecord e, boolean allOccurrences) {
        if (!allOccurrences || e.recurringEventId().isEmpty()) return List.of(e);
        Instant now = clock.instant();
        return siblings(store.events(e.calendarUuid()), e.recurringEventId().get()).stream()
                .filter(s -> s.end().isAfter(now) || s.uuid().equals(e.uuid())).toList();
    }

    private static List<EventRecord> siblings(java.util.Collection<EventRecord> events, String series) {
        return events.stream().filter(x -> !x.deleted() && x.recurringEventId().equals(Optional.of(series)))
                .sorted(java.util.Comparator.comparing(EventRecord::start)).toList();
    }

    private List<EventRecord> reload(List<EventRecord> events) {
        return events.stream().map(x -> store.findEvent(x.uuid()).orElse(x)).toList();
    }

    private CalendarProvider provider(String platform) {
        if (platform == null) throw BaasException.invalid("platform", "is required");
        for (CalendarProvider p : providers.values()) if (p.name().equalsIgnoreCase(platform)) return p;
        throw BaasException.invalid("platform", "must be one of " + providers.keySet());
    }

    private static RawCalendar choose(List<RawCalendar> calendars, Optional<String> rawCalendarId) {
        if (rawCalendarId.isPresent()) {
            return calendars.stream().filter(c -> c.id().equals(rawCalendarId.get())).findFirst()
                    .orElseThrow(() -> BaasException.invalid("raw_calendar_id", "is not a calendar of this account"));
        }
        return calendars.stream().filter(RawCalendar::primary).findFirst().or(() -> calendars.stream().findFirst())
                .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "the account has no calendar"));
    }

    private Object lock(UUID calendar) { return locks.computeIfAbsent(calendar, k -> new Object()); }

    public static final class Builder {
        private final Baas baas;
        private final CalendarStore store;
        private final TokenCipher cipher;
        private Scheduler scheduler;
        private final List<CalendarProvider> providers = new ArrayList<>();
        private OutboxStore outbox;
        private Function<String, Optional<String>> accountWebhookUrl = a -> Optional.empty();
        private CalendarSettings settings = CalendarSettings.defaults();
        private RandomGenerator random = RandomGenerator.getDefault();
        private IdGenerator ids = IdGenerator.RANDOM;

        private Builder(Baas baas, CalendarStore store, TokenCipher cipher, Scheduler scheduler) {
            this.baas = baas;
            this.store = store;
            this.cipher = cipher;
            this.scheduler = scheduler;
        }

        /** Adds every {@link CalendarProvider} on the class path. */
        public Builder discoverProviders() {
            providers.addAll(Plugins.load(CalendarProvider.class, CalendarProvider::name,
                    Thread.currentThread().getContextClassLoader()).values());
            return this;
        }

        public Builder provider(CalendarProvider p) { providers.add(p); return this; }

        /** Where {@code calendar.sync_events} webhooks go: the outbox, to the account's default webhook URL. */
        public Builder webhooks(OutboxStore o, Function<String, Optional<String>> accountUrl) {
            outbox = o;
            accountWebhookUrl = accountUrl;
            return this;
        }

        public Builder settings(CalendarSettings s) { settings = s; return this; }

        public Builder random(RandomGenerator r) { random = r; return this; }

        public Builder ids(IdGenerator g) { ids = g; return this; }

        /** Replaces the scheduler of periodic syncs (tests drive rounds by hand). */
        public Builder scheduler(Scheduler s) { scheduler = s; return this; }

        /** Replaces the providers chosen so far, e.g. with ones pointed elsewhere by configuration. */
        public Builder providers(java.util.function.UnaryOperator<CalendarProvider> configure) {
            providers.replaceAll(configure);
            return this;
        }

        public CalendarService build() { return new CalendarService(this); }
    }
}
