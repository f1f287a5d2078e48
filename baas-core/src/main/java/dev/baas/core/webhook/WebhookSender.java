package dev.baas.core.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Sends one webhook attempt: a POST with the v1 headers and Standard Webhooks signature, bounded connect and read
 * timeouts, redirects not followed, at most {@code maxResponseBytes} of the answer read. The target is checked
 * against the {@link UrlGuard} again after DNS resolution.
 */
public final class WebhookSender {
    /** What an attempt is signed and authenticated with, per account. */
    public record Credentials(Optional<String> apiKey, String signingSecret) {
        @Override public String toString() { return "Credentials[***]"; }
    }

    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024);
    }

    private final HttpClient http;
    private final Settings settings;
    private final UrlGuard guard;
    private final Clock clock;

    public WebhookSender(Settings settings, UrlGuard guard, Clock clock) {
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Attempt send(Delivery d, Credentials credentials) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        try {
            URI uri = guard.check("webhook_url", d.url(), Set.of("http", "https"));
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) guard.checkAddress("webhook_url", a);
            long ts = start.getEpochSecond();
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "baas-webhooks/1")
                    .header(StandardWebhooks.ID, d.webhookId())
                    .header(StandardWebhooks.TIMESTAMP, Long.toString(ts))
                    .header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(credentials.signingSecret(), d.webhookId(), ts, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body()));
            credentials.apiKey().ifPresent(k -> req.header("x-meeting-baas-api-key", k));
            HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                in.readNBytes(settings.maxResponseBytes()); // read a bounded answer, so keep-alive works and nothing floods us
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - t0);
            int status = resp.statusCode();
            Optional<String> error = status >= 200 && status < 300 ? Optional.empty() : Optional.of("HTTP " + status);
            return new Attempt(d.id(), start, OptionalInt.of(status), latency, error,
                    resp.headers().firstValue("retry-after").flatMap(v -> retryAfter(v, start)));
        } catch (HttpTimeoutException e) {
            return failed(d, start, t0, "timed out after " + settings.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return failed(d, start, t0, "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(d, start, t0, "interrupted");
        } catch (RuntimeException e) {
            return failed(d, start, t0, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Attempt failed(Delivery d, Instant start, long t0, String error) {
        return new Attempt(d.id(), start, OptionalInt.empty(), Duration.ofNanos(System.nanoTime() - t0), Optional.of(error), Optional.empty());
    }

    /** {@code Retry-After} as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            long s = Long.parseLong(v);
            return s >= 0 ? Optional.of(Duration.ofSeconds(Math.min(s, Duration.ofDays(1).toSeconds()))) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(d);
            } catch (DateTimeParseException ex) {
                return Optional.empty();
            }
        }
    }
}
