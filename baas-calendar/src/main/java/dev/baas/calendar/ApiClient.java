package dev.baas.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * HTTP calls to a provider with bounded retries: throttled answers (429, 503, or what the provider's predicate calls
 * throttling) wait for {@code Retry-After} when given, else an exponential backoff, at most {@code maxAttempts} times.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between attempts. Injected so tests see the waits the server asked for without spending them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d);
    }

    /** How a client retries; settings keys {@code max_attempts}, {@code backoff_ms}, {@code max_wait_ms}. */
    public record Policy(int maxAttempts, Duration backoff, Duration maxWait, Sleeper sleeper) {
        public static Policy defaults() { return new Policy(5, Duration.ofMillis(500), Duration.ofSeconds(60), Sleeper.REAL); }

        public Policy with(Map<String, String> settings) {
            return new Policy(Integer.parseInt(settings.getOrDefault("max_attempts", String.valueOf(maxAttempts))),
                    Duration.ofMillis(Long.parseLong(settings.getOrDefault("backoff_ms", String.valueOf(backoff.toMillis())))),
                    Duration.ofMillis(Long.parseLong(settings.getOrDefault("max_wait_ms", String.valueOf(maxWait.toMillis())))),
                    sleeper);
        }
    }

    /** An answer, whatever its status. */
    public record Response(int status, String body, HttpHeaders headers) {
        public boolean ok() { return status / 100 == 2; }

        public JsonNode json() {
            if (body == null || body.isBlank()) return MissingNode.getInstance();
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }
    }

    private final String provider;
    private final HttpClient http;
    private final Policy policy;
    private final Predicate<Response> throttled;

    public ApiClient(String provider, HttpClient http, Policy policy, Predicate<Response> throttled) {
        this.provider = provider;
        this.http = http;
        this.policy = policy;
        this.throttled = r -> r.status() == 429 || r.status() == 503 || throttled.test(r);
    }

    public static HttpClient defaultHttp() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends, retrying throttled answers; returns the first non-throttled answer. */
    public Response send(HttpRequest request, String what) {
        Duration backoff = policy.backoff();
        for (int attempt = 1; ; attempt++) {
            Response r;
            try {
                HttpResponse<String> raw = http.send(request, HttpResponse.BodyHandlers.ofString());
                r = new Response(raw.statusCode(), raw.body(), raw.headers());
            } catch (IOException e) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, provider + " " + what + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BaasException(ErrorCode.UNAVAILABLE, provider + " " + what + " was interrupted", e);
            }
            if (!throttled.test(r)) return r;
            if (attempt >= policy.maxAttempts()) {
                throw new BaasException(ErrorCode.RATE_LIMITED, provider + " " + what + " still throttled (HTTP " + r.status()
                        + ") after " + attempt + " attempts");
            }
            Duration wait = retryAfter(r).orElse(backoff);
            if (wait.compareTo(policy.maxWait()) > 0) wait = policy.maxWait();
            backoff = backoff.multipliedBy(2);
            try {
                policy.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BaasException(ErrorCode.UNAVAILABLE, provider + " " + what + " was interrupted", e);
            }
        }
    }

    private static Optional<Duration> retryAfter(Response r) {
        return r.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        });
    }

    public static HttpRequest.Builder get(URI uri, String accessToken) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET();
    }

    public static HttpRequest.Builder postForm(URI uri, Map<String, String> form) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    public static String form(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
        return j.toString();
    }

    public static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    /**
     * Reads a token endpoint's answer: a grant, or {@code UNAUTHORIZED} for {@code invalid_grant}/{@code invalid_client}
     * (re-consent needed, never retried), or {@code PROVIDER_ERROR}.
     */
    public static JsonNode tokenAnswer(String provider, Response r) {
        JsonNode body = r.json();
        if (r.ok() && body.hasNonNull("access_token")) return body;
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText(body.path("reason").asText(""));
        String detail = error.isEmpty() ? "HTTP " + r.status() : error + (description.isEmpty() ? "" : ": " + description);
        if (error.equals("invalid_grant")) {
            throw new BaasException(ErrorCode.UNAUTHORIZED, provider + " refresh token is expired or revoked (" + detail
                    + "); the user must authorize again");
        }
        if (error.equals("invalid_client") || r.status() == 401) {
            throw new BaasException(ErrorCode.UNAUTHORIZED, provider + " rejected the OAuth client (" + detail + ")");
        }
        throw new BaasException(ErrorCode.PROVIDER_ERROR, provider + " token endpoint failed (" + detail + ")");
    }

    /** Refuses settings keys a provider does not know, naming the known ones. */
    public static Map<String, String> checkKeys(String provider, Map<String, String> settings, java.util.Set<String> known) {
        Map<String, String> copy = new HashMap<>(settings);
        for (String k : copy.keySet()) {
            if (!known.contains(k)) throw BaasException.invalid(k, "is not a " + provider + " setting; known: " + known);
        }
        return copy;
    }

    public static URI uri(Map<String, String> settings, String key, URI fallback) {
        return Optional.ofNullable(settings.get(key)).map(URI::create).orElse(fallback);
    }

    /** A base URI and a path with query, joined without doubling slashes. */
    public static URI resolve(URI base, String pathAndQuery) {
        String b = base.toString();
        if (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return URI.create(b + pathAndQuery);
    }
}
