package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.core.store.Account;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties over generated input: whatever JSON a mutating route is sent, whatever query a list route gets, whatever
 * an API key header holds, the answer is never a server error, and a refusal is a JSON error naming its field.
 */
class HostileInputPropertiesTest {
    static Path data;
    static BaasServer server;
    static ApiClient api;

    /** Field names the routes know, so generated bodies reach the validation of real fields, not only "unknown". */
    static final List<String> KNOWN_FIELDS = List.of("meeting_url", "bot_name", "bot_image", "entry_message", "recording_mode",
            "speech_to_text", "provider", "api_key", "streaming", "input", "output", "audio_frequency", "automatic_leave",
            "waiting_room_timeout", "noone_joined_timeout", "webhook_url", "deduplication_key", "extra", "start_time",
            "bot_uuid", "platform", "oauth_client_id", "oauth_client_secret", "oauth_refresh_token", "raw_calendar_id",
            "authorization_code", "redirect_uri", "zoom_client_id", "zoom_client_secret", "reserved");

    /** Mutating routes taking a JSON body; {id} becomes a fresh UUID, so a route may also answer 404. */
    static final List<String> BODY_ROUTES = List.of("POST /bots", "POST /bots/retranscribe", "POST /accounts/webhook_url",
            "POST /calendars", "POST /calendars/raw", "PATCH /calendars/{id}", "POST /zoom_oauth_connections",
            "POST /calendar_events/{id}/bot", "PATCH /calendar_events/{id}/bot");

    static final List<String> LIST_ROUTES = List.of("/bots/bots_with_metadata", "/calendar_events", "/webhooks/deliveries",
            "/calendars", "/zoom_oauth_connections", "/bots/meeting_data", "/api_keys");

    static final List<String> QUERY_NAMES = List.of("limit", "cursor", "bot_name", "meeting_url", "created_after",
            "created_before", "ended_after", "filter_by_extra", "sort_by_extra", "speaker_name", "bot_id", "before",
            "calendar_id", "start_date_gte", "start_date_lte", "status", "include_transcripts", "updated_at_gte");

    @BeforeContainer
    static void start() throws IOException {
        data = Files.createTempDirectory("baas-properties");
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withRateLimits(ServerConfig.RateLimits.OFF));
        Account a = server.accounts().create("properties");
        api = new ApiClient(server.port(), server.accounts().issueKey(a.id()));
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Any JSON value, nested up to three levels, with strings that are empty, long, unicode or control characters. */
    static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60).map(HostileInputPropertiesTest::quote),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1000).ofMaxLength(5000).map(HostileInputPropertiesTest::quote),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.doubles().map(d -> d.isNaN() || d.isInfinite() ? "1e999" : d.toString()),
                Arbitraries.of("true", "false", "null", "-0", "1e309", "99999999999999999999999"),
                Arbitraries.of("https://meet.google.com/abc-defg-hij", TestPlatform.PREFIX + "x", "ftp://x", "http://127.0.0.1:1/")
                        .map(HostileInputPropertiesTest::quote));
        if (depth == 0) return scalars;
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars),
                net.jqwik.api.Tuple.of(2, jsonObject(depth - 1)),
                net.jqwik.api.Tuple.of(1, jsonValue(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]")));
    }

    static Arbitrary<String> jsonObject(int depth) {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(KNOWN_FIELDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)));
        return Combinators.combine(name, jsonValue(depth)).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(6).uniqueElements(e -> e.substring(0, e.indexOf("\":") + 1))
                .map(members -> "{" + String.join(",", members) + "}");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    @Provide Arbitrary<String> bodies() { return jsonObject(2); }

    @Provide Arbitrary<String> bodyRoutes() { return Arbitraries.of(BODY_ROUTES); }

    /** Never a 5xx; refused (4xx) is a JSON error, and a 400 names the field at fault. */
    static void assertClientError(String request, ApiClient.Response r) {
        assertTrue(r.status() < 500, request + " -> " + r);
        if (r.status() < 400) return;
        assertTrue(r.contentType().startsWith("application/json"), request + " -> " + r.contentType());
        JsonNode error = r.json();
        assertTrue(error.hasNonNull("error") && error.hasNonNull("code"), request + " -> " + r);
        if (r.status() == 400) {
            assertTrue(error.hasNonNull("field") && !error.path("field").asText().isBlank(), request + " names no field: " + r);
            assertFalse(error.path("details").isEmpty(), request + " has no details: " + r);
        }
    }

    @Property(tries = 300)
    void anyJsonBodyForJoiningABotIsAcceptedOrRefusedNamingAField(@ForAll("bodies") String body) {
        assertClientError("POST /bots " + body, api.post("/bots", body));
    }

    @Property(tries = 300)
    void anyJsonBodyForAnyMutatingRouteIsAcceptedOrRefusedNamingAField(@ForAll("bodyRoutes") String route, @ForAll("bodies") String body) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{id}", UUID.randomUUID().toString());
        assertClientError(route + " " + body, api.send(method, path, body));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("-1", "0", "51", "1.5", "2026-13-45", "2026-01-01", "a:b:c", "::", ",", "s:-5", "true", "2"),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(10).ofMaxLength(30));
        return Combinators.combine(Arbitraries.of(QUERY_NAMES), value)
                .as((k, v) -> k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .list().ofMaxSize(5).map(l -> String.join("&", l));
    }

    @Property(tries = 300)
    void anyQueryOfAListRouteIsAnsweredOrRefusedNamingAField(@ForAll("listRoutes") String route, @ForAll("queries") String query) {
        assertClientError("GET " + route + "?" + query, api.get(route + "?" + query));
    }

    @Provide Arbitrary<String> listRoutes() { return Arbitraries.of(LIST_ROUTES); }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(100), Arbitraries.strings().ascii().ofMaxLength(600),
                Arbitraries.strings().withCharRange('A', 'z').ofLength(43).map(s -> "baas_" + s),
                Arbitraries.of(" ", "\t", "null", "' OR '1'='1", "%00", "Bearer x"));
    }

    @Property(tries = 300)
    void anyApiKeyHeaderThatIsNotAnIssuedKeyIsRefused(@ForAll("keys") String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + "/bots/bots_with_metadata"));
        try {
            b.header("x-meeting-baas-api-key", key);
        } catch (IllegalArgumentException e) {
            return; // not a value an HTTP client can send
        }
        ApiClient.Response r = ApiClient.send(b.build());
        assertTrue(r.status() == 401 || r.status() == 400 || r.status() == 431, key + " -> " + r);
        if (r.status() == 401) assertEquals("Unauthorized", r.json().path("code").asText());
    }

    /** The properties above exercised real fields, not only the "unknown field" refusal. */
    @Property(tries = 1)
    void generatedBodiesReachTheValidationOfKnownFields() {
        Map<String, Long> fields = Stream.of(
                        "{\"meeting_url\":1}", "{\"meeting_url\":\"" + TestPlatform.PREFIX + "x\",\"bot_name\":[]}",
                        "{\"meeting_url\":\"" + TestPlatform.PREFIX + "x\",\"bot_name\":\"b\",\"speech_to_text\":{\"api_key\":3}}")
                .map(body -> api.post("/bots", body).json().path("field").asText())
                .collect(Collectors.groupingBy(f -> f, Collectors.counting()));
        assertTrue(fields.containsKey("meeting_url") && fields.containsKey("bot_name"), fields.toString());
    }
}
