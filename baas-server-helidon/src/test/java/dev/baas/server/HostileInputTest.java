package dev.baas.server;

import dev.baas.core.store.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hundreds of malformed requests: none may crash a route (5xx) or leak a stack trace. */
class HostileInputTest {
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;
    static Account account;

    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\\tat |at dev\\.baas|at io\\.helidon|at org\\.|at java\\.");
    private static final List<String> HOSTILE_VALUES = List.of("123", "-1", "1e309", "true", "[]", "{}", "null",
            "\"" + "x".repeat(100_000) + "\"", "\"' OR 1=1 --\"", "\"../../../../etc/passwd\"", "\"\\u0000\"",
            "\"%00%2e%2e%2f\"", "\"<script>alert(1)</script>\"", "\"\\ud800\"", "99999999999999999999999");
    private static final List<String> JOIN_FIELDS = List.of("meeting_url", "bot_name", "bot_image", "entry_message",
            "recording_mode", "speech_to_text", "streaming", "automatic_leave", "webhook_url", "deduplication_key", "extra",
            "start_time", "reserved", "transcription_custom_parameters", "zoom_sdk_id", "zoom_obf_token_url");

    @BeforeAll
    static void start() {
        // thousands of calls from one key: the rate limit has its own test
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withRateLimits(ServerConfig.RateLimits.OFF));
        account = server.accounts().create("hostile");
        api = new ApiClient(server.port(), server.accounts().issueKey(account.id()));
        server.accounts().setWebhookUrl(account.id(), java.util.Optional.of("https://hooks.example.com/before"));
    }

    @AfterAll static void stop() { server.close(); }

    record Probe(String method, String path, String body) {}

    @Test
    void malformedRequestsGetClientErrorsWithoutStackTraces() {
        List<Probe> probes = new ArrayList<>();
        String meeting = TestPlatform.PREFIX + "hostile";
        for (String field : JOIN_FIELDS) {
            for (String value : HOSTILE_VALUES) {
                String base = field.equals("meeting_url") ? "" : "\"meeting_url\":\"" + meeting + "-" + UUID.randomUUID() + "\",";
                String name = field.equals("bot_name") || field.equals("meeting_url") ? "" : "\"bot_name\":\"b\",";
                probes.add(new Probe("POST", "/bots", "{" + base + name + "\"" + field + "\":" + value + "}"));
            }
        }
        for (String body : List.of("{", "}", "nul", "\"str\"", "{\"a\":}", "{\"meeting_url\":\"x\",}", "[".repeat(5000),
                "{\"a\":".repeat(3000), "{\"meeting_url\":\"a\",\"meeting_url\":\"b\",\"bot_name\":\"c\"}", "\u0000\u0001",
                "{\"meeting_url\":\"" + meeting + "\",\"bot_name\":\"b\"} trailing", "{'single':'quotes'}", "0", "-", "{}")) {
            probes.add(new Probe("POST", "/bots", body));
            probes.add(new Probe("POST", "/bots/retranscribe", body));
            probes.add(new Probe("POST", "/accounts/webhook_url", body));
        }
        for (String id : List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%00", "'%20OR%201%3D1", "a".repeat(5000),
                "00000000-0000-0000-0000-00000000000g", "00000000000000000000000000000000", "%E2%80%AE", "-1", "1e9")) {
            probes.add(new Probe("GET", "/bots/" + id, null));
            probes.add(new Probe("DELETE", "/bots/" + id, null));
            probes.add(new Probe("POST", "/bots/" + id + "/delete_data", null));
            probes.add(new Probe("GET", "/bots/" + id + "/screenshots", null));
            probes.add(new Probe("GET", "/bots/meeting_data?bot_id=" + id, null));
            probes.add(new Probe("GET", "/artifacts/" + id + "/audio.wav?expires=1&signature=x", null));
            probes.add(new Probe("POST", "/bots/retranscribe", "{\"bot_uuid\":\"" + id.replace("%", "") + "\"}"));
        }
        for (String q : List.of("limit=-1", "limit=99999999999", "limit=1.5", "cursor=" + enc("'; drop table bots;--"),
                "cursor=" + enc("s:-5"), "cursor=" + enc("o:99999999999"), "created_after=%00", "ended_after=" + enc("2026-13-45"),
                "filter_by_extra=" + enc("::::"), "filter_by_extra=" + enc(",,,"), "sort_by_extra=:", "sort_by_extra=" + enc("a:b:c"),
                "bot_name=" + enc("%' OR 1=1 --"), "meeting_url=" + enc("_%\\"), "speaker_name=" + enc("\u0000"),
                "bot_name=" + "x".repeat(4000), "include_transcripts=2")) {
            probes.add(new Probe("GET", "/bots/bots_with_metadata?" + q, null));
            probes.add(new Probe("GET", "/bots/meeting_data?bot_id=" + UUID.randomUUID() + "&" + q, null));
        }
        for (String method : List.of("PUT", "PATCH", "OPTIONS", "TRACE", "HEAD")) {
            probes.add(new Probe(method, "/bots", "{}"));
            probes.add(new Probe(method, "/bots/" + UUID.randomUUID(), null));
            probes.add(new Probe(method, "/bots/meeting_data", null));
        }
        probes.add(new Probe("POST", "/bots/bots_with_metadata", "{}"));
        probes.add(new Probe("DELETE", "/bots/meeting_data", null));
        probes.add(new Probe("GET", "/artifacts/x/y?expires=99999999999999999999999&signature=", null));
        probes.add(new Probe("GET", "/artifacts/..%2F..%2Fetc/passwd?expires=9999999999&signature=abc", null));

        int checked = 0;
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Probe p : probes) {
            ApiClient.Response r = api.send(p.method(), p.path(), p.body());
            statuses.merge(r.status(), 1, Integer::sum);
            assertTrue(r.status() < 500, p + " -> " + r.status() + " " + clip(r.body()));
            assertTrue(!STACK_TRACE.matcher(r.body()).find(), p + " leaked: " + clip(r.body()));
            checked++;
        }
        for (String key : List.of("x".repeat(10_000), "' OR '1'='1", "\u00e9\u00e8", "baas_" + "A".repeat(43))) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + "/bots/bots_with_metadata"));
            try {
                b.header("x-meeting-baas-api-key", key);
            } catch (IllegalArgumentException e) {
                continue; // the client itself refuses this header value
            }
            ApiClient.Response r = ApiClient.send(b.build());
            assertTrue(r.status() == 401 || r.status() == 431 || r.status() == 400, key.length() + " -> " + r);
            checked++;
        }
        System.out.println("hostile requests: " + checked + ", statuses: " + statuses);
        assertTrue(checked >= 200, "only " + checked + " hostile requests");
        assertEquals(200, api.get("/health").status(), "the server still answers");
    }

    /** Path parameter values no route may choke on. */
    private static final List<String> HOSTILE_IDS = List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%00", "'%20OR%201%3D1",
            "a".repeat(3000), "00000000-0000-0000-0000-00000000000g", "-1", "99999999999999999999", "%E2%80%AE", "1e9",
            UUID.randomUUID().toString());
    /** Bodies for every route that takes one: broken JSON, wrong shapes, wrong types, unknown fields, huge values. */
    private static final List<String> HOSTILE_BODIES = List.of("{", "nul", "[]", "\"str\"", "0", "{\"a\":}", "[".repeat(3000),
            "{\"a\":".repeat(2000), "{\"x\":1,\"x\":2}", "{}", "{\"unknown_field\":true}", "\u0000\u0001",
            "{\"platform\":[],\"oauth_client_id\":{},\"webhook_url\":7,\"bot_uuid\":false,\"meeting_url\":null}",
            "{\"bot_name\":\"" + "x".repeat(50_000) + "\"}", "{\"webhook_url\":\"file:///etc/passwd\"}");
    /** Query strings for every GET route. */
    private static final List<String> HOSTILE_QUERIES = List.of("limit=-1", "limit=abc", "before=" + enc("'; drop table x;--"),
            "bot_id=" + enc("../x"), "calendar_id=%00", "start_date_gte=" + enc("2026-13-45"), "cursor=" + enc("\u0000"),
            "status=" + "z".repeat(3000), "all_occurrences=maybe", "include_transcripts=2");
    private static final Set<String> MUTATING = Set.of("POST", "PATCH", "PUT", "DELETE");
    /** A live stream never ends: only its authentication is probed. */
    private static final Set<String> STREAMS = Set.of("/events");

    record Operation(String method, String path, boolean authenticated) {}

    /** Every operation the server documents in /openapi.json, which the routing is built from. */
    private static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        api.get("/openapi.json").json().path("paths").properties().forEach(path -> path.getValue().properties().forEach(m ->
                ops.add(new Operation(m.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), !m.getValue().path("security").isEmpty()))));
        return ops;
    }

    /**
     * What an account owns, as its own GETs show it: bots (by id, name and meeting), the default webhook URL, API keys,
     * calendars and Zoom connections. A refused request must leave all of it as it was.
     */
    private static String snapshot() {
        StringBuilder s = new StringBuilder();
        api.get("/bots/bots_with_metadata?limit=50").json().path("bots").forEach(b -> s.append(b.path("bot_id").asText()).append('|')
                .append(b.path("bot_name").asText()).append('|').append(b.path("meeting_url").asText()).append('\n'));
        for (String path : List.of("/accounts/webhook_url", "/api_keys", "/calendars", "/zoom_oauth_connections")) {
            ApiClient.Response r = api.get(path);
            s.append(path).append(' ').append(r.status()).append(' ').append(r.body()).append('\n');
        }
        return s.toString();
    }

    private static String fill(String template, String value) { return template.replaceAll("\\{[^}]+}", value); }

    @Test
    void everyRouteRefusesHostileInputWithoutCrashingAndRejectedMutationsChangeNothing() {
        List<Operation> ops = operations();
        assertTrue(ops.size() >= 30, "every route is probed: " + ops.size() + " operations documented");
        List<Probe> probes = new ArrayList<>();
        for (Operation op : ops) {
            String concrete = fill(op.path(), UUID.randomUUID().toString());
            if (op.path().contains("{")) {
                for (String id : HOSTILE_IDS) probes.add(new Probe(op.method(), fill(op.path(), id), MUTATING.contains(op.method()) ? "{" : null));
            }
            if (STREAMS.contains(op.path())) continue;
            if (MUTATING.contains(op.method())) {
                for (String body : HOSTILE_BODIES) probes.add(new Probe(op.method(), concrete, body));
            } else {
                for (String q : HOSTILE_QUERIES) probes.add(new Probe(op.method(), concrete + "?" + q, null));
            }
        }
        String before = snapshot();
        java.util.Map<String, Integer> perOperation = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int rejectedMutations = 0;
        for (Probe p : probes) {
            ApiClient.Response r = api.send(p.method(), p.path(), p.body());
            statuses.merge(r.status(), 1, Integer::sum);
            perOperation.merge(p.method() + " " + p.path().replaceAll("[?].*", "").replaceAll("/[^/]{40,}", "/<long>"), 1, Integer::sum);
            assertTrue(r.status() < 500 || r.status() == 501, p + " -> " + r.status() + " " + clip(r.body()));
            assertTrue(!STACK_TRACE.matcher(r.body()).find(), p + " leaked: " + clip(r.body()));
            if (r.status() >= 400 && !r.body().isEmpty()) ApiContract.assertError(r, r.status(), null);
            if (!MUTATING.contains(p.method())) continue;
            String after = snapshot();
            if (r.status() >= 400) {
                assertEquals(before, after, p + " was refused (" + r.status() + ") but changed the account");
                rejectedMutations++;
            }
            before = after;
        }
        // without a key, every authenticated route says 401 before it looks at anything else
        ApiClient anonymous = new ApiClient(server.port(), null);
        ApiClient forged = new ApiClient(server.port(), "baas_" + "A".repeat(43));
        int unauthenticated = 0;
        for (Operation op : ops) {
            if (!op.authenticated()) continue;
            for (ApiClient c : List.of(anonymous, forged)) {
                ApiClient.Response r = c.send(op.method(), fill(op.path(), UUID.randomUUID().toString()), MUTATING.contains(op.method()) ? "{}" : null);
                ApiContract.assertError(r, 401, null);
                unauthenticated++;
            }
        }
        assertEquals(before, snapshot(), "unauthenticated calls changed nothing");
        int total = probes.size() + unauthenticated;
        System.out.println("hostile requests over " + ops.size() + " operations: " + total + " (" + rejectedMutations
                + " refused mutations checked for no change), statuses: " + statuses);
        assertTrue(total >= 500, "only " + total + " hostile requests");
        assertTrue(rejectedMutations >= 100, "only " + rejectedMutations + " refused mutations checked");
        for (Operation op : ops) {
            String key = op.method() + " " + fill(op.path(), "");
            assertTrue(perOperation.keySet().stream().anyMatch(k -> k.startsWith(op.method() + " ")
                    && k.replaceAll("/[^/]*", "/").equals(key.replaceAll("/[^/]*", "/"))) || op.path().equals("/events"),
                    op + " was not probed");
        }
        assertEquals(200, api.get("/health").status(), "the server still answers");
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String clip(String s) { return s.length() > 300 ? s.substring(0, 300) + "..." : s; }
}
