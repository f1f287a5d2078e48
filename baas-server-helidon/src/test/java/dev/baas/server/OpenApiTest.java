package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.store.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /openapi.json} tells the truth: every operation it lists is routed, in both slash forms, and v1 is complete. */
class OpenApiTest {
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;

    /** The operationIds of the Meeting BaaS v1 API. */
    static final Set<String> V1 = Set.of("join", "leave", "get_meeting_data", "delete_data", "bots_with_metadata",
            "retranscribe_bot", "get_screenshots", "webhook_documentation", "bot_webhook_documentation",
            "calendar_webhook_documentation", "list_raw_calendars", "list_calendars", "create_calendar", "resync_all_calendars",
            "get_calendar", "update_calendar", "delete_calendar", "list_events", "get_event", "schedule_record_event", "patch_bot",
            "unschedule_record_event", "list_zoom_oauth_connections", "create_zoom_oauth_connection", "get_zoom_oauth_connection",
            "delete_zoom_oauth_connection");

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0));
        Account a = server.accounts().create("openapi");
        api = new ApiClient(server.port(), server.accounts().issueKey(a.id()));
    }

    @AfterAll static void stop() { server.close(); }

    @Test
    void everyDocumentedOperationIsRoutedAndV1IsComplete() {
        JsonNode doc = api.as(null).get("/openapi.json").json();
        assertEquals("3.1.0", doc.path("openapi").asText());
        Set<String> ids = new TreeSet<>();
        List<String> walked = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            ids.add(op.getValue().path("operationId").asText());
            String concrete = path.getKey().replace("{uuid}", UUID.randomUUID().toString())
                    .replace("{botId}", UUID.randomUUID().toString()).replace("{name}", "audio.wav")
                    .replace("{id}", "12345").replace("{file}", "app.js");
            if (path.getKey().equals("/events") || path.getKey().equals("/")) return; // a live stream; a redirect
            for (String form : ApiRoutes.forms(concrete)) {
                if (form.startsWith("/artifacts") || form.equals("/health/") || form.equals("/openapi.json/")) continue;
                ApiClient.Response r = api.send(op.getKey().toUpperCase(Locale.ROOT), form, null);
                walked.add(op.getKey() + " " + form + " -> " + r.status());
                assertFalse(r.body().contains("no route for"), op.getKey() + " " + form + " is documented but not routed: " + r);
                assertTrue(r.status() < 500 || r.status() == 501, op.getKey() + " " + form + ": " + r);
                boolean implemented = !op.getValue().path("responses").has("501");
                assertEquals(!implemented, r.status() == 501, op.getKey() + " " + form + ": " + r);
            }
        }));
        assertTrue(ids.containsAll(V1), "missing v1 operations: " + V1.stream().filter(id -> !ids.contains(id)).toList());
        assertTrue(walked.size() >= 2 * V1.size(), walked.toString());
        assertTrue(api.send("GET", "/bots/not/a/route", null).body().contains("no route for"), "the fallback is recognisable");
    }
}
