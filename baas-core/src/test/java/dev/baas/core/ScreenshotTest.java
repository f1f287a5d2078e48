package dev.baas.core;

import dev.baas.core.storage.ArtifactStorage;
import dev.baas.core.store.InMemoryBotStore;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.baas.spi.BotStatusCode.*;
import static org.junit.jupiter.api.Assertions.*;

/** Screenshots of the meeting: one on admission, then on the engine's timer, and on request. */
class ScreenshotTest {
    static final byte[] PICTURE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    final FakePlatform platform = new FakePlatform();
    final EventLog log = new EventLog();
    final StoredFiles storage = new StoredFiles();
    @TempDir Path dir;
    Baas baas;

    @BeforeEach
    void start() {
        baas = Baas.builder().platform(platform).clock(time).scheduler(time).store(new InMemoryBotStore())
                .dataDirectory(dir).settings(EngineSettings.defaults(dir).withScreenshotInterval(Duration.ofSeconds(30)))
                .artifactStorage(storage).build();
        baas.onEvent(log);
    }

    @AfterEach
    void stop() { baas.close(); }

    FakePlatform.FakeSession admitted(UUID[] id, byte[] picture) throws InterruptedException {
        id[0] = baas.join(BotConfig.builder("https://fake.test/room-1", "Notetaker").build());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.picture = picture;
        s.emit(new MeetingEvent.Admitted(time.instant()));
        log.awaitStatus(IN_CALL_RECORDING);
        return s;
    }

    @Test
    void oneOnAdmissionThenEveryIntervalAndOnRequest() throws Exception {
        UUID[] id = new UUID[1];
        admitted(id, PICTURE);
        Instant admittedAt = time.instant();
        assertEquals(Screenshot.name(admittedAt, 0), storage.nextName());

        time.advance(Duration.ofSeconds(29));
        time.advance(Duration.ofSeconds(1));
        assertEquals(Screenshot.name(admittedAt.plusSeconds(30), 0), storage.nextName());
        time.advance(Duration.ofSeconds(30));
        assertEquals(Screenshot.name(admittedAt.plusSeconds(60), 0), storage.nextName());

        time.advance(Duration.ofMillis(1500));
        Screenshot asked = baas.screenshot(id[0]).get(10, TimeUnit.SECONDS);
        assertEquals(admittedAt.plusMillis(61_500), asked.at());
        assertEquals(asked.name(), storage.nextName());
        assertEquals(Screenshot.name(asked.at(), 0), asked.name());
        assertEquals(asked.at(), Screenshot.takenAt(asked.name()).orElseThrow());
        assertArrayEquals(PICTURE, storage.contents.get(ArtifactStorage.key(id[0], asked.name())));
        assertArrayEquals(PICTURE, Files.readAllBytes(baas.botDirectory(id[0]).resolve("screenshots").resolve(asked.name())));

        // a second one in the same millisecond keeps the first
        Screenshot again = baas.screenshot(id[0]).get(10, TimeUnit.SECONDS);
        assertEquals(Screenshot.name(asked.at(), 1), again.name());
        assertEquals(again.name(), storage.nextName());
        assertEquals(asked.at(), Screenshot.takenAt(again.name()).orElseThrow());

        baas.leave(id[0]);
        log.await(BotEvent.Completed.class);
        time.advance(Duration.ofMinutes(5));
        assertNull(storage.names.poll(), "no screenshot after the bot left");
        ExecutionException gone = assertThrows(ExecutionException.class, () -> baas.screenshot(id[0]).get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONFLICT, ((BaasException) gone.getCause()).code());
    }

    @Test
    void aScreenshotUnderWayWhenTheBotLeavesIsStoredBeforeItCompletes() throws Exception {
        UUID id = baas.join(BotConfig.builder("https://fake.test/room-1", "Notetaker").build());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.picture = PICTURE;
        s.screenshotGate = new java.util.concurrent.CountDownLatch(1);
        s.emit(new MeetingEvent.Admitted(time.instant()));
        log.awaitStatus(IN_CALL_RECORDING);
        baas.leave(id);
        s.screenshotGate.countDown();
        log.await(BotEvent.Completed.class);
        assertEquals(List.of(ArtifactStorage.key(id, Screenshot.name(time.instant(), 0))), storage.list(id));
        int shot = s.calls.indexOf("screenshot"), left = s.calls.indexOf("leave");
        assertTrue(shot >= 0 && left > shot, "the bot left after its screenshot: " + s.calls);
    }

    @Test
    void aSessionThatCannotTakeScreenshotsFailsTheRequestAndKeepsRecording() throws Exception {
        UUID[] id = new UUID[1];
        FakePlatform.FakeSession s = admitted(id, null);
        ExecutionException e = assertThrows(ExecutionException.class, () -> baas.screenshot(id[0]).get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONFLICT, ((BaasException) e.getCause()).code());
        assertTrue(s.calls.contains("screenshot"));
        assertTrue(storage.contents.isEmpty());
        baas.leave(id[0]);
        log.await(BotEvent.Completed.class);
    }

    @Test
    void aBotNotYetInTheCallRefusesAScreenshot() throws Exception {
        UUID id = baas.join(BotConfig.builder("https://fake.test/room-1", "Notetaker").build());
        platform.awaitSession().picture = PICTURE;
        log.awaitStatus(JOINING_CALL);
        ExecutionException e = assertThrows(ExecutionException.class, () -> baas.screenshot(id).get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CONFLICT, ((BaasException) e.getCause()).code());
        baas.leave(id);
        log.await(BotEvent.Completed.class);
    }

    /** Artifact storage that keeps what it is given and says when. */
    static final class StoredFiles implements ArtifactStorage {
        final Map<String, byte[]> contents = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<String> names = new LinkedBlockingQueue<>();

        String nextName() throws InterruptedException {
            String n = names.poll(10, TimeUnit.SECONDS);
            if (n == null) throw new AssertionError("nothing was stored");
            return n;
        }

        @Override public String put(UUID botId, String name, Path file) throws java.io.IOException {
            String key = ArtifactStorage.key(botId, name);
            contents.put(key, Files.readAllBytes(file));
            if (name.startsWith("screenshot-")) names.add(name);
            return key;
        }

        @Override public String url(String key, Duration ttl) { return "mem:" + key; }

        @Override public List<String> list(UUID botId) {
            List<String> keys = new ArrayList<>(contents.keySet().stream().filter(k -> k.startsWith(botId + "/")).toList());
            keys.sort(null);
            return keys;
        }

        @Override public List<String> deleteAll(UUID botId) {
            List<String> keys = list(botId);
            keys.forEach(contents::remove);
            return keys;
        }
    }
}
