package dev.baas.server;

import dev.baas.core.calendar.CalendarOperations;
import dev.baas.core.calendar.ZoomConnectionOperations;
import dev.baas.core.store.Account;
import dev.baas.spi.BaasException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The v1 calendar, calendar event and Zoom OAuth routes, mapped onto the engine's calendar operations. */
final class CalendarApi {
    private final CalendarOperations calendars;
    private final ZoomConnectionOperations zoom;
    private final long maxBody;

    CalendarApi(CalendarOperations calendars, ZoomConnectionOperations zoom, long maxBody) {
        this.calendars = calendars;
        this.zoom = zoom;
        this.maxBody = maxBody;
    }

    void listRaw(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, calendars.listRawCalendars(a.key(), Json.readObject(req, maxBody))); }

    void list(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, calendars.listCalendars(a.key())); }

    void create(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, calendars.createCalendar(a.key(), Json.readObject(req, maxBody))); }

    void get(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, calendars.getCalendar(a.key(), uuid(req))); }

    void update(Account a, ServerRequest req, ServerResponse res) {
        Json.ok(res, calendars.updateCalendar(a.key(), uuid(req), Json.readObject(req, maxBody)));
    }

    void delete(Account a, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        calendars.deleteCalendar(a.key(), uuid(req));
        res.status(Status.OK_200).send();
    }

    void resyncAll(Account a, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        Optional<Integer> days = req.query().first("days").asOptional().filter(s -> !s.isEmpty()).map(s -> {
            try {
                int d = Integer.parseInt(s);
                if (d < 1 || d > 365) throw BaasException.invalid("days", "must be between 1 and 365");
                return d;
            } catch (NumberFormatException e) {
                throw BaasException.invalid("days", "must be a whole number");
            }
        });
        Json.ok(res, calendars.resyncAll(a.key(), days));
    }

    void events(Account a, ServerRequest req, ServerResponse res) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String name : req.query().names()) req.query().first(name).asOptional().ifPresent(v -> q.put(name, v));
        Json.ok(res, calendars.listEvents(a.key(), q));
    }

    void event(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, calendars.getEvent(a.key(), uuid(req))); }

    void schedule(Account a, ServerRequest req, ServerResponse res) {
        Json.ok(res, calendars.scheduleBot(a.key(), uuid(req), allOccurrences(req), Json.readObject(req, maxBody)));
    }

    void patch(Account a, ServerRequest req, ServerResponse res) {
        Json.ok(res, calendars.patchBot(a.key(), uuid(req), allOccurrences(req), Json.readObject(req, maxBody)));
    }

    void unschedule(Account a, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        Json.ok(res, calendars.unscheduleBot(a.key(), uuid(req), allOccurrences(req)));
    }

    void zoomList(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, zoom.list(a.key())); }

    void zoomCreate(Account a, ServerRequest req, ServerResponse res) { Json.send(res, 201, zoom.create(a.key(), Json.readObject(req, maxBody))); }

    void zoomGet(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, zoom.get(a.key(), uuid(req))); }

    void zoomDelete(Account a, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        zoom.delete(a.key(), uuid(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String uuid(ServerRequest req) { return req.path().pathParameters().get("uuid"); }

    private static boolean allOccurrences(ServerRequest req) {
        Optional<String> raw = req.query().first("all_occurrences").asOptional().filter(s -> !s.isEmpty());
        if (raw.isEmpty()) return false;
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BaasException.invalid("all_occurrences", "must be true or false");
        };
    }
}
