package dev.baas.core.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class RetryScheduleTest {
    @Test
    void standardScheduleFollowsSvixWithJitterAndEnds() {
        RetrySchedule s = RetrySchedule.STANDARD;
        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        Random r = new Random(42);
        for (int i = 0; i < expected.size(); i++) {
            Duration d = s.next(i + 1, Optional.empty(), r).orElseThrow();
            long base = expected.get(i).toMillis();
            assertTrue(d.toMillis() >= base * 0.9 && d.toMillis() <= base * 1.1, "attempt " + (i + 1) + ": " + d);
        }
        assertEquals(Optional.empty(), s.next(8, Optional.empty(), r));
        assertEquals(8, s.maxAttempts());
    }

    @Test
    void retryAfterLongerThanTheScheduleWins() {
        assertEquals(Duration.ofSeconds(120), RetrySchedule.STANDARD.next(1, Optional.of(Duration.ofSeconds(120)), new Random(1)).orElseThrow());
        Duration d = RetrySchedule.STANDARD.next(3, Optional.of(Duration.ofSeconds(1)), new Random(1)).orElseThrow();
        assertTrue(d.compareTo(Duration.ofMinutes(27)) > 0);
    }

    @Test
    void whatIsRetryable() {
        for (int s : new int[]{408, 409, 429, 500, 502, 503, 504, 301}) assertTrue(RetrySchedule.retryable(s), "" + s);
        for (int s : new int[]{400, 401, 403, 404, 410, 422}) assertFalse(RetrySchedule.retryable(s), "" + s);
    }

    @Test
    void retryAfterParsesSecondsAndDates() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(30)), WebhookSender.retryAfter("30", now));
        assertEquals(Optional.of(Duration.ofSeconds(60)), WebhookSender.retryAfter("Wed, 25 Nov 2026 10:01:00 GMT", now));
        assertEquals(Optional.empty(), WebhookSender.retryAfter("soon", now));
    }
}
