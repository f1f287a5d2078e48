package dev.baas.core;

import dev.baas.core.store.InMemoryBotStore;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.RecordingMode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.baas.spi.BotStatusCode.API_REQUEST_STOP;
import static dev.baas.spi.BotStatusCode.JOINING_CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node runs as many bots as its capacity holds; the others wait in line as joining_call and start in order. */
class AdmissionTest {
    final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    final FakePlatform platform = new FakePlatform();
    final InMemoryBotStore store = new InMemoryBotStore();
    final EventLog log = new EventLog();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @TempDir Path dir;
    Baas baas;

    void node(int units) {
        baas = Baas.builder().platform(platform).clock(time).scheduler(time).store(store).dataDirectory(dir)
                .meterRegistry(meters).capacity(BotCapacity.of(units)).build();
        baas.onEvent(log);
    }

    @AfterEach
    void stop() { if (baas != null) baas.close(); }

    static BotConfig bot(String room, RecordingMode mode) {
        return BotConfig.builder("https://fake.test/" + room, "Notetaker").recordingMode(mode).build();
    }

    UUID running(BotConfig config) throws InterruptedException {
        UUID id = baas.join(config);
        assertEquals(id, platform.awaitSession().context.botId(), "the bot joined its meeting at once");
        return id;
    }

    UUID waiting(BotConfig config) throws InterruptedException {
        UUID id = baas.join(config);
        BotEvent.StatusChanged s = (BotEvent.StatusChanged) log.await(e -> e.botId().equals(id)
                && e instanceof BotEvent.StatusChanged c && c.code() == JOINING_CALL);
        assertEquals(true, s.details().get("waiting_for_slot"), "the bot says it waits: " + s);
        assertEquals(BotPhase.SCHEDULED, store.find(id).orElseThrow().phase(), "a waiting bot touches no meeting");
        assertFalse(platform.sessions.containsKey(id));
        return id;
    }

    void end(UUID id) throws InterruptedException {
        baas.leave(id);
        log.await(e -> e.botId().equals(id) && Baas.isFinal(e));
    }

    UUID nextJoined() throws InterruptedException { return platform.awaitSession().context.botId(); }

    double gauge(String name) { return meters.get(name).gauge().value(); }

    @Test
    void aBotBeyondCapacityWaitsAsJoiningCallAndStartsWhenASlotFrees() throws Exception {
        node(2);
        UUID a = running(bot("a", RecordingMode.AUDIO_ONLY));
        running(bot("b", RecordingMode.AUDIO_ONLY));
        UUID c = waiting(bot("c", RecordingMode.AUDIO_ONLY));
        assertEquals(1, baas.waitingBots());
        assertEquals(1.0, gauge("baas.admission.waiting"));
        assertEquals(2.0, meters.get("baas.admission.units").tag("state", "used").gauge().value());

        time.advance(Duration.ofSeconds(30));
        end(a);
        assertEquals(c, nextJoined());
        assertEquals(0, baas.waitingBots());
        // joining_call was said once, while waiting; joining the meeting does not say it again
        assertEquals(List.of(JOINING_CALL), statusesOf(c));
        var wait = meters.get("baas.admission.wait").timer();
        assertEquals(3, wait.count());
        assertEquals(30.0, wait.max(TimeUnit.SECONDS), 0.001);
    }

    @Test
    void botsStartInTheOrderTheyCameAndABigBotIsNotOvertaken() throws Exception {
        node(3);
        UUID small = running(bot("small", RecordingMode.AUDIO_ONLY));
        UUID video = waiting(bot("video", RecordingMode.SPEAKER_VIEW)); // weighs 3: waits although 2 units are free
        UUID later = waiting(bot("later", RecordingMode.AUDIO_ONLY));   // would fit, but comes after the video bot
        UUID last = waiting(bot("last", RecordingMode.AUDIO_ONLY));
        end(small);
        assertEquals(video, nextJoined());
        assertEquals(2, baas.waitingBots());
        end(video);
        assertEquals(later, nextJoined());
        assertEquals(last, nextJoined());
        assertEquals(0, baas.waitingBots());
    }

    @Test
    void aReservedBotScheduledForLaterHoldsItsSlotFromTheStart() throws Exception {
        node(1);
        long in10min = time.instant().plusSeconds(600).getEpochSecond();
        UUID reserved = baas.join(bot("reserved", RecordingMode.AUDIO_ONLY).toBuilder().reserved(true).startTime(in10min).build());
        UUID other = waiting(bot("other", RecordingMode.AUDIO_ONLY));
        time.advance(Duration.ofSeconds(600));
        assertEquals(reserved, nextJoined());
        assertEquals(1, baas.waitingBots(), "the later bot still waits");
        end(reserved);
        assertEquals(other, nextJoined());
    }

    @Test
    void aWaitingBotScheduledForLaterStartsAtItsTimeOnceItHasASlot() throws Exception {
        node(1);
        UUID first = running(bot("first", RecordingMode.AUDIO_ONLY));
        long in10min = time.instant().plusSeconds(600).getEpochSecond();
        UUID scheduled = baas.join(bot("scheduled", RecordingMode.AUDIO_ONLY).toBuilder().startTime(in10min).build());
        end(first); // the scheduled bot gets the slot now and keeps it until its start time
        UUID other = waiting(bot("other", RecordingMode.AUDIO_ONLY));
        assertFalse(platform.sessions.containsKey(scheduled));
        time.advance(Duration.ofSeconds(600));
        assertEquals(scheduled, nextJoined());
        end(scheduled);
        assertEquals(other, nextJoined());
    }

    @Test
    void leavingWhileWaitingEndsTheBotAndFreesItsPlaceInLine() throws Exception {
        node(1);
        UUID a = running(bot("a", RecordingMode.AUDIO_ONLY));
        UUID b = waiting(bot("b", RecordingMode.AUDIO_ONLY));
        UUID c = waiting(bot("c", RecordingMode.AUDIO_ONLY));
        end(b);
        assertEquals(List.of(JOINING_CALL, API_REQUEST_STOP), statusesOf(b));
        assertEquals(BotPhase.COMPLETED, store.find(b).orElseThrow().phase());
        assertEquals(1, baas.waitingBots());
        end(a);
        assertEquals(c, nextJoined(), "the bot that left never joins; the next in line does");
        assertFalse(platform.sessions.containsKey(b));
    }

    @Test
    void capacityComesFromTheMachineAndWeighsRecordingModes() {
        BotCapacity twoCores = BotCapacity.forMachine(2, 8L << 30);
        assertEquals(2 * BotCapacity.UNITS_PER_CORE, twoCores.units());
        assertEquals(3, BotCapacity.forMachine(8, 450L << 20).units(), "memory limits too");
        assertEquals(1, twoCores.weight(RecordingMode.AUDIO_ONLY));
        assertTrue(twoCores.weight(RecordingMode.SPEAKER_VIEW) > twoCores.weight(RecordingMode.AUDIO_ONLY));
        assertEquals(2, BotCapacity.of(2).weight(RecordingMode.GALLERY_VIEW), "never more than the node has");
        assertEquals(5, twoCores.withWeights(java.util.Map.of(RecordingMode.SPEAKER_VIEW, 5)).weight(RecordingMode.SPEAKER_VIEW));
    }

    List<BotStatusCode> statusesOf(UUID id) {
        return log.all().stream().filter(e -> e.botId().equals(id) && e instanceof BotEvent.StatusChanged)
                .map(e -> ((BotEvent.StatusChanged) e).code()).toList();
    }
}
