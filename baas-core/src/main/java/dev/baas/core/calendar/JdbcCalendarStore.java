package dev.baas.core.calendar;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.baas.core.calendar.CalendarRecord.CalendarStatus;
import dev.baas.spi.calendar.Attendee;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Calendars in a SQL database (PostgreSQL, or H2 in PostgreSQL mode), in the tables of {@code V3__calendars.sql}. */
public final class JdbcCalendarStore implements CalendarStore {
    private static final Table<Record> CALENDARS = DSL.table(DSL.name("calendars"));
    private static final Table<Record> EVENTS = DSL.table(DSL.name("calendar_events"));
    private static final Table<Record> ZOOM = DSL.table(DSL.name("zoom_oauth_connections"));

    private static final Field<UUID> UUID_ = DSL.field(DSL.name("uuid"), SQLDataType.UUID);
    private static final Field<String> ACCOUNT = text("account_id");
    private static final Field<String> PLATFORM = text("platform");
    private static final Field<String> CLIENT_ID = text("client_id");
    private static final Field<String> CLIENT_SECRET = text("client_secret_sealed");
    private static final Field<String> REFRESH = text("refresh_token_sealed");
    private static final Field<String> RAW_CALENDAR = text("raw_calendar_id");
    private static final Field<String> NAME = text("name");
    private static final Field<String> EMAIL = text("email");
    private static final Field<String> SYNC_TOKEN = text("sync_token");
    private static final Field<String> STATUS = text("status");
    private static final Field<String> ERROR = text("error");
    private static final Field<OffsetDateTime> CREATED = time("created_at");
    private static final Field<OffsetDateTime> SYNCED = time("last_synced_at");

    private static final Field<UUID> CALENDAR_UUID = DSL.field(DSL.name("calendar_uuid"), SQLDataType.UUID);
    private static final Field<String> PROVIDER_ID = text("provider_id");
    private static final Field<String> RECURRING = text("recurring_event_id");
    private static final Field<String> MEETING_URL = text("meeting_url");
    private static final Field<OffsetDateTime> START = time("start_time");
    private static final Field<OffsetDateTime> END = time("end_time");
    private static final Field<OffsetDateTime> UPDATED = time("last_updated_at");
    private static final Field<Boolean> DELETED = flag("deleted");
    private static final Field<Boolean> ORGANIZER = flag("is_organizer");
    private static final Field<String> ATTENDEES = text("attendees");
    private static final Field<String> ORGANIZER_EMAIL = text("organizer_email");
    private static final Field<String> RAW = text("raw");
    private static final Field<String> BOT_PARAM = text("bot_param");
    private static final Field<Boolean> SERIES_BOT = flag("series_bot");
    private static final Field<UUID> BOT_ID = DSL.field(DSL.name("bot_id"), SQLDataType.UUID);
    private static final Field<String> BOT_ERROR = text("bot_error");

    private static final Field<String> ZOOM_USER = text("zoom_user_id");
    private static final Field<String> ZOOM_ACCOUNT = text("zoom_account_id");
    private static final Field<String> SCOPES = text("scopes");
    private static final Field<String> STATE = text("state");
    private static final Field<String> FAILURE = text("failure");
    private static final Field<OffsetDateTime> ZOOM_UPDATED = time("updated_at");

    private final DSLContext db;

    public JdbcCalendarStore(DSLContext db) { this.db = db; }

    private static Field<String> text(String n) { return DSL.field(DSL.name(n), SQLDataType.VARCHAR); }

    private static Field<OffsetDateTime> time(String n) { return DSL.field(DSL.name(n), SQLDataType.TIMESTAMPWITHTIMEZONE); }

    private static Field<Boolean> flag(String n) { return DSL.field(DSL.name(n), SQLDataType.BOOLEAN); }

    private static OffsetDateTime at(Instant i) { return i == null ? null : i.atOffset(ZoneOffset.UTC); }

    private static Instant at(OffsetDateTime t) { return t.toInstant(); }

    /** Updates the row with this uuid, or inserts it, in one transaction. */
    private void upsert(DSLContext tx, Table<Record> table, UUID uuid, Map<Field<?>, Object> values) {
        if (tx.update(table).set(values).where(UUID_.eq(uuid)).execute() == 0) {
            Map<Field<?>, Object> row = new LinkedHashMap<>(values);
            row.put(UUID_, uuid);
            tx.insertInto(table).set(row).execute();
        }
    }

    @Override
    public void saveCalendar(CalendarRecord c) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(ACCOUNT, c.accountId());
        v.put(PLATFORM, c.platform());
        v.put(CLIENT_ID, c.clientId());
        v.put(CLIENT_SECRET, c.clientSecretSealed());
        v.put(REFRESH, c.refreshTokenSealed());
        v.put(RAW_CALENDAR, c.rawCalendarId());
        v.put(NAME, c.name());
        v.put(EMAIL, c.email());
        v.put(SYNC_TOKEN, c.syncToken().orElse(null));
        v.put(STATUS, c.status().name());
        v.put(ERROR, c.error().orElse(null));
        v.put(CREATED, at(c.createdAt()));
        v.put(SYNCED, c.lastSyncedAt().map(JdbcCalendarStore::at).orElse(null));
        db.transaction(cfg -> upsert(DSL.using(cfg), CALENDARS, c.uuid(), v));
    }

    private static CalendarRecord calendar(Record r) {
        return new CalendarRecord(r.get(UUID_), r.get(ACCOUNT), r.get(PLATFORM), r.get(CLIENT_ID), r.get(CLIENT_SECRET),
                r.get(REFRESH), r.get(RAW_CALENDAR), r.get(NAME), r.get(EMAIL), Optional.ofNullable(r.get(SYNC_TOKEN)),
                CalendarStatus.valueOf(r.get(STATUS)), Optional.ofNullable(r.get(ERROR)), at(r.get(CREATED)),
                Optional.ofNullable(r.get(SYNCED)).map(OffsetDateTime::toInstant));
    }

    @Override
    public Optional<CalendarRecord> findCalendar(UUID uuid) {
        return db.select().from(CALENDARS).where(UUID_.eq(uuid)).fetchOptional().map(JdbcCalendarStore::calendar);
    }

    @Override
    public List<CalendarRecord> calendars(Optional<String> accountId) {
        return db.select().from(CALENDARS).where(accountId.map(ACCOUNT::eq).orElse(DSL.noCondition()))
                .orderBy(CREATED, UUID_).fetch(JdbcCalendarStore::calendar);
    }

    @Override
    public void deleteCalendar(UUID uuid) {
        db.transaction(cfg -> {
            DSL.using(cfg).deleteFrom(EVENTS).where(CALENDAR_UUID.eq(uuid)).execute();
            DSL.using(cfg).deleteFrom(CALENDARS).where(UUID_.eq(uuid)).execute();
        });
    }

    @Override
    public void saveEvents(List<EventRecord> events) {
        if (events.isEmpty()) return;
        db.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            for (EventRecord e : events) {
                Map<Field<?>, Object> v = new LinkedHashMap<>();
                v.put(CALENDAR_UUID, e.calendarUuid());
                v.put(PROVIDER_ID, e.providerId());
                v.put(RECURRING, e.recurringEventId().orElse(null));
                v.put(NAME, e.name());
                v.put(MEETING_URL, e.meetingUrl());
                v.put(START, at(e.start()));
                v.put(END, at(e.end()));
                v.put(UPDATED, at(e.lastUpdatedAt()));
                v.put(DELETED, e.deleted());
                v.put(ORGANIZER, e.isOrganizer());
                v.put(ATTENDEES, attendees(e.attendees()));
                v.put(ORGANIZER_EMAIL, e.organizerEmail().orElse(null));
                v.put(RAW, e.raw());
                v.put(BOT_PARAM, e.botParam().orElse(null));
                v.put(SERIES_BOT, e.seriesBot());
                v.put(BOT_ID, e.botId().orElse(null));
                v.put(BOT_ERROR, e.botError().orElse(null));
                upsert(tx, EVENTS, e.uuid(), v);
            }
        });
    }

    private static EventRecord event(Record r) {
        return new EventRecord(r.get(UUID_), r.get(CALENDAR_UUID), r.get(PROVIDER_ID), Optional.ofNullable(r.get(RECURRING)),
                r.get(NAME), r.get(MEETING_URL), at(r.get(START)), at(r.get(END)), at(r.get(UPDATED)), r.get(DELETED),
                r.get(ORGANIZER), attendees(r.get(ATTENDEES)), Optional.ofNullable(r.get(ORGANIZER_EMAIL)), r.get(RAW),
                Optional.ofNullable(r.get(BOT_PARAM)), r.get(SERIES_BOT), Optional.ofNullable(r.get(BOT_ID)),
                Optional.ofNullable(r.get(BOT_ERROR)));
    }

    @Override
    public Optional<EventRecord> findEvent(UUID uuid) {
        return db.select().from(EVENTS).where(UUID_.eq(uuid)).fetchOptional().map(JdbcCalendarStore::event);
    }

    @Override
    public List<EventRecord> events(UUID calendarUuid) {
        return db.select().from(EVENTS).where(CALENDAR_UUID.eq(calendarUuid)).orderBy(START, PROVIDER_ID).fetch(JdbcCalendarStore::event);
    }

    @Override
    public void saveZoom(ZoomConnection c) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(ACCOUNT, c.accountId());
        v.put(ZOOM_USER, c.zoomUserId());
        v.put(ZOOM_ACCOUNT, c.zoomAccountId().orElse(null));
        v.put(SCOPES, c.scopes().orElse(null));
        v.put(CLIENT_ID, c.clientId());
        v.put(CLIENT_SECRET, c.clientSecretSealed());
        v.put(REFRESH, c.refreshTokenSealed());
        v.put(STATE, c.state().name());
        v.put(FAILURE, c.failure().orElse(null));
        v.put(CREATED, at(c.createdAt()));
        v.put(ZOOM_UPDATED, at(c.updatedAt()));
        db.transaction(cfg -> upsert(DSL.using(cfg), ZOOM, c.uuid(), v));
    }

    private static ZoomConnection zoom(Record r) {
        return new ZoomConnection(r.get(UUID_), r.get(ACCOUNT), r.get(ZOOM_USER), Optional.ofNullable(r.get(ZOOM_ACCOUNT)),
                Optional.ofNullable(r.get(SCOPES)), r.get(CLIENT_ID), r.get(CLIENT_SECRET), r.get(REFRESH),
                ZoomConnection.State.valueOf(r.get(STATE)), Optional.ofNullable(r.get(FAILURE)), at(r.get(CREATED)), at(r.get(ZOOM_UPDATED)));
    }

    @Override
    public Optional<ZoomConnection> findZoom(UUID uuid) {
        return db.select().from(ZOOM).where(UUID_.eq(uuid)).fetchOptional().map(JdbcCalendarStore::zoom);
    }

    @Override
    public List<ZoomConnection> zoomConnections(String accountId) {
        return db.select().from(ZOOM).where(ACCOUNT.eq(accountId)).orderBy(CREATED, UUID_).fetch(JdbcCalendarStore::zoom);
    }

    @Override
    public boolean deleteZoom(UUID uuid) { return db.deleteFrom(ZOOM).where(UUID_.eq(uuid)).execute() > 0; }

    private static String attendees(List<Attendee> list) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Attendee a : list) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("email", a.email());
            a.name().ifPresent(n -> m.put("name", n));
            out.add(m);
        }
        try {
            return BotParams.JSON.writeValueAsString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Attendee> attendees(String json) {
        try {
            List<Map<String, String>> list = BotParams.JSON.readValue(json, new TypeReference<>() {});
            return list.stream().map(m -> new Attendee(m.get("email"), Optional.ofNullable(m.get("name")))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
