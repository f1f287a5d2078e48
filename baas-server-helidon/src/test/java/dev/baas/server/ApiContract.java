package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.BotEvent;
import dev.baas.core.store.Account;
import dev.baas.core.store.StoredEvent;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every v1 route through real HTTP against a started server; run once per supported database. */
abstract class ApiContract {
    static final String ISO_MILLIS_Z = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    /**
     * The contract's server: no capacity limit, since its tests leave bots in their meetings and a later one must
     * not wait in line behind them (admission has its own tests).
     */
    static ServerConfig config(ServerConfig base) {
        return base.withNode(base.node().withCapacity(dev.baas.core.BotCapacity.unlimited()));
    }

    abstract BaasServer server();

    ApiClient api;
    ApiClient other;

    @BeforeEach
    void accounts() {
        Account a = server().accounts().create("tester");
        api = new ApiClient(server().port(), server().accounts().issueKey(a.id()));
        Account b = server().accounts().create("someone else");
        other = new ApiClient(server().port(), server().accounts().issueKey(b.id()));
    }

    static String meeting() { return TestPlatform.PREFIX + UUID.randomUUID(); }

    UUID join(ApiClient client, String extraFields) {
        String name = extraFields.contains("\"bot_name\"") ? "" : ",\"bot_name\":\"Note taker\"";
        ApiClient.Response r = client.post("/bots", "{\"meeting_url\":\"" + meeting() + "\"" + name + extraFields + "}");
        assertEquals(200, r.status(), r.toString());
        return UUID.fromString(r.json().get("bot_id").asText());
    }

    static void assertError(ApiClient.Response r, int status, String field) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode body = r.json();
        assertTrue(body.hasNonNull("error") && body.hasNonNull("code"), r.toString());
        if (field != null) assertEquals(field, body.path("field").asText(), r.toString());
    }

    @Test
    void aBotRecordsIsStoppedAndDeliversItsRecordingAndTranscript() throws Exception {
        try (BotEvents events = new BotEvents(server().baas())) {
            UUID id = join(api, ",\"speech_to_text\":{\"provider\":\"Scripted\"},\"extra\":{\"team\":\"red\"}");
            TestPlatform.Session s = TestPlatform.session(id);
            s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), new Participant("p1", "Ann", false)));
            s.emit(new MeetingEvent.Admitted(Instant.now()));
            events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING);
            s.emit(new MeetingEvent.ActiveSpeaker(Instant.now(), new Participant("p1", "Ann", false), true));
            for (int i = 0; i < 100; i++) s.context.media().audio(new AudioFrame(AudioFrame.MIX, i * 20_000L, 16_000, new short[320]));
            JsonNode live = api.get("/bots/" + id).json();
            assertEquals("in_call_recording", live.path("phase").asText());
            assertTrue(live.path("bot").path("bot_joined_at").asText().matches(ISO_MILLIS_Z), live.toString());

            ApiClient.Response stop = api.delete("/bots/" + id);
            assertEquals(200, stop.status(), stop.toString());
            assertTrue(stop.json().path("ok").asBoolean());
            events.await(id, BotEvent.Completed.class);

            JsonNode data = api.get("/bots/meeting_data?bot_id=" + id).json();
            JsonNode bot = data.path("bot_data").path("bot");
            assertEquals(id.toString(), bot.path("uuid").asText());
            assertTrue(bot.path("ended_at").asText().matches(ISO_MILLIS_Z), bot.toString());
            assertTrue(bot.path("is_stopped").asBoolean());
            assertEquals("red", bot.path("extra").path("team").asText());
            assertEquals("Scripted", bot.path("speech_to_text_provider").asText());
            // no camera and no page view in this meeting: the speaker view shows the speaker's name card
            assertTrue(data.path("mp4").asText().contains("/video.mp4?"), data.path("mp4").asText());
            assertTrue(ApiClient.download(data.path("mp4").asText()).length > 1000, "the mp4 downloads");
            assertEquals(2, data.path("duration").asLong(), "100 frames of 20 ms");
            JsonNode transcripts = data.path("bot_data").path("transcripts");
            assertEquals("Ann", transcripts.path(0).path("speaker").asText(), data.toString());
            assertEquals("hello", transcripts.path(0).path("words").path(0).path("text").asText());
            assertEquals(0, api.get("/bots/meeting_data?bot_id=" + id + "&include_transcripts=false").json()
                    .path("bot_data").path("transcripts").size());

            String audio = data.path("audio").asText();
            byte[] wav = ApiClient.download(audio);
            assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(44 + 100 * 320 * 2, wav.length);
            ApiClient.Response tampered = ApiClient.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(audio.replaceAll("signature=[^&]+", "signature=AAAA"))).build());
            assertError(tampered, 403, null);
            ApiClient.Response expired = ApiClient.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(audio.replaceAll("expires=\\d+", "expires=1"))).build());
            assertError(expired, 403, null);

            List<StoredEvent> stored = server().bots().events(id);
            List<String> kinds = stored.stream().map(StoredEvent::kind).toList();
            assertEquals("complete", kinds.getLast(), kinds.toString());
            JsonNode recording = ApiClient.MAPPER.readTree(stored.stream()
                    .filter(e -> e.payload().contains("\"in_call_recording\"")).findFirst().orElseThrow().payload());
            assertTrue(recording.path("status").path("start_time").asText().matches(ISO_MILLIS_Z), recording.toString());
            assertEquals(List.of(1, 2, 3), stored.stream().map(StoredEvent::seq).toList().subList(0, 3));

            JsonNode bySpeaker = api.get("/bots/bots_with_metadata?speaker_name=ANN").json();
            assertEquals(List.of(id.toString()), uuids(bySpeaker));
            assertEquals("Ann", bySpeaker.path("bots").path(0).path("speakers").path(0).asText());
            assertEquals(0, uuids(api.get("/bots/bots_with_metadata?speaker_name=bob").json()).size());

            ApiClient.Response deleted = api.post("/bots/" + id + "/delete_data", null);
            assertEquals("deleted", deleted.json().path("status").asText(), deleted.toString());
            assertEquals("alreadyDeleted", api.post("/bots/" + id + "/delete_data/", null).json().path("status").asText());
            JsonNode after = api.get("/bots/meeting_data?bot_id=" + id).json();
            assertEquals("", after.path("audio").asText());
            assertEquals(0, after.path("bot_data").path("transcripts").size());
            assertEquals(403, ApiClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(audio)).build()).status(),
                    "the deleted file is gone");
        }
    }

    @Test
    void retranscribeReplacesTheTranscript() throws Exception {
        try (BotEvents events = new BotEvents(server().baas())) {
            UUID id = join(api, "");
            TestPlatform.Session s = TestPlatform.session(id);
            s.emit(new MeetingEvent.Admitted(Instant.now()));
            events.await(id, BotEvent.StatusChanged.class, e -> e.code() == BotStatusCode.IN_CALL_RECORDING);
            for (int i = 0; i < 150; i++) s.context.media().audio(new AudioFrame(AudioFrame.MIX, i * 20_000L, 16_000, new short[320]));
            assertError(api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Scripted\"}"), 409, null);
            api.delete("/bots/" + id);
            events.await(id, BotEvent.Completed.class);
            assertEquals(0, api.get("/bots/meeting_data?bot_id=" + id).json().path("bot_data").path("transcripts").size());
            assertError(api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\"}"), 400, "speech_to_text");
            assertError(api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Nobody\"}"), 400,
                    "speech_to_text.provider");
            assertError(other.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":\"Scripted\"}"), 404, null);
            ApiClient.Response r = api.post("/bots/retranscribe", "{\"bot_uuid\":\"" + id + "\",\"speech_to_text\":{\"provider\":\"Scripted\",\"api_key\":null}}");
            assertEquals(202, r.status(), r.toString());
            server().retranscription(id).orElseThrow().get(20, TimeUnit.SECONDS);
            JsonNode words = api.get("/bots/meeting_data?bot_id=" + id).json().path("bot_data").path("transcripts").path(0).path("words");
            assertEquals(3, words.size(), "one word per recorded second: " + words);
        }
    }

    @Test
    void anotherAccountsBotIsNotFoundAnywhere() {
        UUID id = join(api, "");
        assertError(other.get("/bots/" + id), 404, null);
        assertError(other.delete("/bots/" + id), 404, null);
        assertError(other.get("/bots/meeting_data?bot_id=" + id), 404, null);
        assertError(other.post("/bots/" + id + "/delete_data", null), 404, null);
        assertError(other.get("/bots/" + id + "/screenshots"), 404, null);
        assertEquals(0, other.get("/bots/bots_with_metadata").json().path("bots").size());
        assertEquals(200, api.get("/bots/" + id).status());
        assertEquals(0, api.get("/bots/" + id + "/screenshots").json().size());
        api.delete("/bots/" + id);
    }

    @Test
    void everyV1RouteRefusesAMissingOrWrongKey() {
        ApiClient anonymous = api.as(null);
        ApiClient wrong = api.as("baas_not-a-key");
        String uuid = UUID.randomUUID().toString();
        for (String[] route : List.of(new String[]{"POST", "/bots"}, new String[]{"POST", "/bots/"}, new String[]{"GET", "/bots/" + uuid},
                new String[]{"DELETE", "/bots/" + uuid}, new String[]{"GET", "/bots/meeting_data?bot_id=" + uuid},
                new String[]{"GET", "/bots/bots_with_metadata"}, new String[]{"POST", "/bots/" + uuid + "/delete_data"},
                new String[]{"POST", "/bots/retranscribe"}, new String[]{"GET", "/bots/" + uuid + "/screenshots"},
                new String[]{"GET", "/bots/webhooks"}, new String[]{"GET", "/bots/webhooks/bot"}, new String[]{"GET", "/calendars/"},
                new String[]{"GET", "/calendar_events/" + uuid}, new String[]{"GET", "/zoom_oauth_connections"})) {
            assertError(anonymous.send(route[0], route[1], null), 401, null);
            assertError(wrong.send(route[0], route[1], null), 401, null);
        }
        {
            var r = ApiClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/bots/webhooks/calendar"))
                    .header("x-spoke-api-key", api.key).build());
            assertEquals(200, r.status(), "the Spoke header is accepted too");
        }
    }

    @Test
    void joinRefusesBadRequestsNamingTheField() {
        String url = meeting();
        assertError(api.post("/bots", "{\"bot_name\":\"x\"}"), 400, "meeting_url");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\"}"), 400, "bot_name");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"colour\":\"red\"}"), 400, "colour");
        assertError(api.post("/bots", "{\"meeting_url\":42,\"bot_name\":\"x\"}"), 400, "meeting_url");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"bot_image\":\"not a uri\"}"), 400, "bot_image");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"recording_mode\":\"cinema\"}"), 400, "recording_mode");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"speech_to_text\":{\"provider\":\"Scripted\",\"model\":1}}"),
                400, "speech_to_text.model");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"speech_to_text\":\"Nobody\"}"), 400,
                "speech_to_text.provider");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"automatic_leave\":{\"silence_timeout\":-1}}"),
                400, "automatic_leave.silence_timeout");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"streaming\":{\"output\":\"http://x.example\"}}"),
                400, "streaming.output");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\",\"webhook_url\":\"http://127.0.0.1:9/hook\"}"),
                400, "webhook_url");
        assertError(api.post("/bots", "{\"meeting_url\":\"https://example.com/not-a-meeting\",\"bot_name\":\"x\"}"), 400, "meeting_url");
        assertEquals("InvalidMeetingUrl", api.post("/bots", "{\"meeting_url\":\"https://example.com/x\",\"bot_name\":\"x\"}").json().path("code").asText());
        assertError(api.post("/bots", "{\"meeting_url\":"), 400, "body");
        assertError(api.post("/bots", "[1,2]"), 400, "body");
        assertError(api.post("/bots", null), 400, "body");
        assertError(api.post("/bots", "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413, null);
        assertEquals(0, api.get("/bots/bots_with_metadata").json().path("bots").size(), "no bot was created by a refused join");
    }

    @Test
    void joinAcceptsEveryV1Field() {
        UUID id = join(api, ",\"bot_image\":\"https://img.example/a.png\",\"entry_message\":\"hi\",\"recording_mode\":\"audio_only\","
                + "\"speech_to_text\":\"Scripted\",\"streaming\":{\"output\":\"wss://s.example/o\",\"input\":null,\"audio_frequency\":\"24khz\"},"
                + "\"automatic_leave\":{\"noone_joined_timeout\":120,\"waiting_room_timeout\":300,\"silence_timeout\":null},"
                + "\"webhook_url\":\"https://hooks.example/h\",\"deduplication_key\":\"k1\",\"extra\":{\"a\":[1,2]},\"start_time\":null,"
                + "\"reserved\":false,\"transcription_custom_parameters\":{\"x\":1},\"zoom_sdk_id\":null,\"zoom_sdk_pwd\":\"pw\","
                + "\"zoom_access_token_url\":null,\"zoom_obf_token\":null,\"zoom_obf_token_url\":null,\"zoom_obf_token_user_id\":null");
        JsonNode bot = api.get("/bots/" + id + "/").json().path("bot");
        assertEquals("audio_only", bot.path("recording_mode").asText());
        assertEquals("24khz", bot.path("streaming_audio_frequency").asText());
        assertEquals(120, bot.path("noone_joined_timeout").asInt());
        assertEquals("https://hooks.example/h", bot.path("webhook_url").asText());
        assertTrue(bot.path("zoom_sdk_pwd").isNull(), "secrets are not returned");
        assertTrue(bot.path("created_at").asText().matches(ISO_MILLIS_Z));
        api.delete("/bots/" + id);
    }

    @Test
    void aSecondBotToTheSameMeetingIsADuplicateUnlessItsKeyDiffers() {
        String url = meeting();
        String body = "{\"meeting_url\":\"" + url + "\",\"bot_name\":\"x\"";
        assertEquals(200, api.post("/bots", body + "}").status());
        assertError(api.post("/bots", body + "}"), 409, "deduplication_key");
        assertEquals(200, api.post("/bots/", body + ",\"deduplication_key\":\"second\"}").status());
        assertError(api.post("/bots", body + ",\"deduplication_key\":\"second\"}"), 409, null);
        assertEquals(200, other.post("/bots", body + "}").status(), "another account is not a duplicate");
    }

    @Test
    void listingPagesAndFilters() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(join(api, ",\"bot_name\":\"" + (i % 2 == 0 ? "Even" : "Odd") + " bot " + i + "\",\"extra\":{\"rank\":" + i
                    + ",\"team\":\"" + (i < 3 ? "a" : "b") + "\"}"));
        }
        ids.forEach(id -> api.delete("/bots/" + id));
        JsonNode page1 = api.get("/bots/bots_with_metadata?limit=2").json();
        assertEquals(List.of(ids.get(4).toString(), ids.get(3).toString()), uuids(page1));
        JsonNode entry = page1.path("bots").path(0);
        assertTrue(entry.path("id").isInt() && entry.path("created_at").asText().matches(ISO_MILLIS_Z), entry.toString());
        assertTrue(page1.path("last_updated").asText().matches(ISO_MILLIS_Z));
        Set<String> seen = new HashSet<>(uuids(page1));
        String cursor = page1.path("next_cursor").asText();
        JsonNode page2 = api.get("/bots/bots_with_metadata/?limit=2&cursor=" + cursor).json();
        JsonNode page3 = api.get("/bots/bots_with_metadata?limit=2&cursor=" + page2.path("next_cursor").asText()).json();
        seen.addAll(uuids(page2));
        seen.addAll(uuids(page3));
        assertEquals(5, seen.size());
        assertTrue(page3.path("next_cursor").isNull());
        // the bots and the calls above happened quickly: the filters below must pick by content, not time
        assertEquals(List.of(ids.get(3).toString(), ids.get(1).toString()), uuids(api.get("/bots/bots_with_metadata?bot_name=odd").json()));
        assertEquals(List.of(ids.get(0).toString(), ids.get(1).toString(), ids.get(2).toString()),
                uuids(api.get("/bots/bots_with_metadata?filter_by_extra=team:a&sort_by_extra=rank:asc").json()));
        assertEquals(List.of(ids.get(4).toString()),
                uuids(api.get("/bots/bots_with_metadata?filter_by_extra=team:b,rank:4").json()));
        JsonNode sorted1 = api.get("/bots/bots_with_metadata?sort_by_extra=rank:desc&limit=3").json();
        assertEquals(List.of(ids.get(4).toString(), ids.get(3).toString(), ids.get(2).toString()), uuids(sorted1));
        assertEquals(List.of(ids.get(1).toString(), ids.get(0).toString()), uuids(api.get(
                "/bots/bots_with_metadata?sort_by_extra=rank:desc&limit=3&cursor=" + sorted1.path("next_cursor").asText()).json()));
        String oneUrl = page1.path("bots").path(0).path("meeting_url").asText();
        assertEquals(List.of(ids.get(4).toString()),
                uuids(api.get("/bots/bots_with_metadata?meeting_url=" + oneUrl.substring(oneUrl.lastIndexOf('/') + 1)).json()));
        assertEquals(5, uuids(api.get("/bots/bots_with_metadata?created_after=2000-01-01T00:00:00Z&created_before=2999-01-01&limit=50")
                .json()).size());
        assertEquals(0, uuids(api.get("/bots/bots_with_metadata?created_after=2999-01-01T00:00:00Z").json()).size());
        assertError(api.get("/bots/bots_with_metadata?limit=0"), 400, "limit");
        assertError(api.get("/bots/bots_with_metadata?limit=abc"), 400, "limit");
        assertError(api.get("/bots/bots_with_metadata?created_after=yesterday"), 400, "created_after");
        assertError(api.get("/bots/bots_with_metadata?filter_by_extra=nocolon"), 400, "filter_by_extra");
        assertError(api.get("/bots/bots_with_metadata?sort_by_extra=rank:sideways"), 400, "sort_by_extra");
        assertError(api.get("/bots/bots_with_metadata?cursor=bogus"), 400, "cursor");
    }

    /** Prints how long joins and listings take over HTTP on this database (a figure, not a goal). */
    @Test
    void joinAndListTimings() {
        int n = 30;
        long t0 = System.nanoTime();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(join(api, ""));
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) assertEquals(200, api.get("/bots/bots_with_metadata?limit=10").status());
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) assertEquals(200, api.get("/bots/meeting_data?bot_id=" + ids.get(i)).status());
        long t3 = System.nanoTime();
        System.out.printf("%s: join %.1f ms, list %.1f ms, meeting_data %.1f ms (mean of %d over HTTP)%n",
                getClass().getSimpleName(), (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n, n);
        ids.forEach(id -> api.delete("/bots/" + id));
    }

    static List<String> uuids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("bots").forEach(b -> out.add(b.path("uuid").asText()));
        return out;
    }

    @Test
    void documentationAndCalendarRoutes() {
        JsonNode docs = api.get("/bots/webhooks").json();
        assertTrue(docs.path("bot_webhooks").path("events").path("bot.status_change").path("codes").toString().contains("in_waiting_room"));
        assertTrue(api.get("/bots/webhooks/bot/").json().path("events").has("complete"));
        assertTrue(api.get("/bots/webhooks/calendar").json().path("events").has("calendar.sync_events"));
        for (String[] r : List.of(new String[]{"GET", "/calendars"}, new String[]{"POST", "/calendars/raw"},
                new String[]{"PATCH", "/calendars/" + UUID.randomUUID()}, new String[]{"GET", "/calendar_events/?calendar_id=x"},
                new String[]{"POST", "/calendar_events/" + UUID.randomUUID() + "/bot"}, new String[]{"DELETE", "/zoom_oauth_connections/" + UUID.randomUUID()})) {
            ApiClient.Response resp = api.send(r[0], r[1], null);
            assertTrue(resp.status() == 200 || resp.status() == 400 || resp.status() == 404 || resp.status() == 422,
                    r[0] + " " + r[1] + " answered " + resp);
            if (resp.status() != 200) assertTrue(resp.json().has("error"), resp.toString());
        }
        assertEquals(200, api.get("/calendars/").status());
        assertEquals(0, api.get("/calendars/").json().size(), "no calendar connected yet");
        assertEquals("UP", api.as(null).get("/health").json().path("status").asText());
    }

    @Test
    void badIdsAreNotFoundOrNamed() {
        assertError(api.get("/bots/not-a-uuid"), 404, null);
        assertError(api.delete("/bots/12345"), 404, null);
        assertError(api.get("/bots/" + UUID.randomUUID()), 404, null);
        assertError(api.get("/bots/meeting_data?bot_id=nope"), 400, "bot_id");
        assertError(api.get("/bots/meeting_data"), 400, "bot_id");
        assertError(api.get("/bots/meeting_data?bot_id=" + UUID.randomUUID() + "&include_transcripts=maybe"), 400, "include_transcripts");
        assertError(api.get("/nowhere"), 404, null);
    }

    @Test
    void deleteDataIsLimitedToFiveCallsAMinute() {
        UUID id = join(api, "");
        for (int i = 0; i < 5; i++) assertError(api.post("/bots/" + id + "/delete_data", null), 409, null);
        assertError(api.post("/bots/" + id + "/delete_data", null), 429, null);
        assertError(other.post("/bots/" + id + "/delete_data", null), 404, null);
        api.delete("/bots/" + id);
    }

    @Test
    void theAccountWebhookUrlIsTheDefaultOfItsBots() {
        assertTrue(api.get("/accounts/webhook_url").json().path("webhook_url").isNull());
        assertEquals("https://hooks.example/acct", api.post("/accounts/webhook_url", "{\"webhook_url\":\"https://hooks.example/acct\"}")
                .json().path("webhook_url").asText());
        assertError(api.post("/accounts/webhook_url", "{\"webhook_url\":\"ftp://x\"}"), 400, "webhook_url");
        UUID id = join(api, "");
        assertEquals("https://hooks.example/acct", api.get("/bots/" + id).json().path("bot").path("webhook_url").asText());
        assertNotEquals("https://hooks.example/acct", other.get("/accounts/webhook_url").json().path("webhook_url").asText());
        api.delete("/bots/" + id);
        assertFalse(api.get("/accounts/webhook_url").body().contains("secret"));
    }
}
