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
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hundreds of malformed requests: none may crash a route (5xx) or leak a stack trace. */
class HostileInputTest {
    @TempDir static Path data;
    static BaasServer server;
    static ApiClient api;

    private static final Pattern STACK_TRACE = Pattern.compile("Exception|\\tat |at dev\\.baas|at io\\.helidon|at org\\.|at java\\.");
    private static final List<String> HOSTILE_VALUES = List.of("123", "-1", "1e309", "true", "[]", "{}", "null",
            "\"" + "x".repeat(100_000) + "\"", "\"' OR 1=1 --\"", "\"../../../../etc/passwd\"", "\"\\u0000\"",
            "\"%00%2e%2e%2f\"", "\"<script>alert(1)</script>\"", "\"\\ud800\"", "99999999999999999999999");
    private static final List<String> JOIN_FIELDS = List.of("meeting_url", "bot_name", "bot_image", "entry_message",
            "recording_mode", "speech_to_text", "streaming", "automatic_leave", "webhook_url", "deduplication_key", "extra",
            "start_time", "reserved", "transcription_custom_parameters", "zoom_sdk_id", "zoom_obf_token_url");

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0));
        Account a = server.accounts().create("hostile");
        api = new ApiClient(server.port(), server.accounts().issueKey(a.id()));
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

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String clip(String s) { return s.length() > 300 ? s.substring(0, 300) + "..." : s; }
}
