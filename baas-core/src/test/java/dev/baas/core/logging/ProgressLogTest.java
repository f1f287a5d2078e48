package dev.baas.core.logging;

import dev.baas.core.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Encoding a backlog of frames, told as a person reads it: every five seconds with the time left, then 100 % once. */
class ProgressLogTest {
    final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger(ProgressLog.class.getName());
    final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { lines.add(r.getMessage()); }

        @Override public void flush() { }

        @Override public void close() { }
    };

    @AfterEach
    void detach() { logger.removeHandler(capture); }

    @Test
    void linesComeEveryFewSecondsWithTheTimeLeftAndEndAtOneHundredOnce() {
        logger.addHandler(capture);
        ProgressLog p = new ProgressLog("encoding", "recording of bot 3ae71b66-9f23-446c-ae6d-ee14902b4107",
                ProgressLog.Unit.FRAMES, 100, time, ProgressLog.EVERY);
        assertEquals(new ProgressLog.Snapshot("encoding", 0, Optional.empty()), p.snapshot(), "no rate yet, no ETA");
        for (int s = 1; s <= 20; s++) {
            time.advance(Duration.ofSeconds(1));
            p.advance(5 * s);
        }
        assertEquals(new ProgressLog.Snapshot("encoding", 99, Optional.of(Duration.ZERO)), p.snapshot(),
                "all frames taken, but 100 % waits for the files to be closed");
        time.advance(Duration.ofSeconds(1));
        p.finish();
        p.finish();
        String bot = "encoding recording of bot 3ae71b66-9f23-446c-ae6d-ee14902b4107: ";
        assertEquals(List.of(bot + "25% (25 of 100 frames), ETA 15 s", bot + "50% (50 of 100 frames), ETA 10 s",
                bot + "75% (75 of 100 frames), ETA 5 s", bot + "99% (100 of 100 frames), ETA 0 s",
                bot + "100% (100 of 100 frames), took 21 s"), lines);
        assertEquals(new ProgressLog.Snapshot("encoding", 100, Optional.of(Duration.ZERO)), p.snapshot());
    }
}
