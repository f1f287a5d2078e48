package dev.baas.core;

import dev.baas.core.store.InMemoryBotStore;
import dev.baas.spi.AutomaticLeave;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.baas.spi.BotStatusCode.*;
import static org.junit.jupiter.api.Assertions.*;

class BotLifecycleTest {
    static final String URL = "https://fake.test/room-1";
    final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    final FakePlatform platform = new FakePlatform();
    final InMemoryBotStore store = new InMemoryBotStore();
    final EventLog log = new EventLog();
    @TempDir Path dir;
    Baas baas;

    @BeforeEach
    void start() {
        baas = Baas.builder().platform(platform).clock(time).scheduler(time).store(store)
                .dataDirectory(dir).build();
        baas.onEvent(log);
    }

    @AfterEach
    void stop() { baas.close(); }

    Instant now() { return time.instant(); }

    UUID join(BotConfig config) throws InterruptedException {
        UUID id = baas.join(config);
        log.awaitStatus(JOINING_CALL);
        return id;
    }

    FakePlatform.FakeSession admittedBot(BotConfig config) throws InterruptedException {
        join(config);
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        log.awaitStatus(IN_WAITING_ROOM);
        s.emit(new MeetingEvent.Admitted(now()));
        log.awaitStatus(IN_CALL_RECORDING);
        return s;
    }

    static BotConfig config() { return BotConfig.builder(URL, "Notetaker").build(); }

    @Test
    void joinsWaitsIsAdmittedRecordsAndLeavesOnCommand() throws Exception {
        UUID id = join(config());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        s.emit(new MeetingEvent.Admitted(now()));
        BotEvent.StatusChanged recording = log.awaitStatus(IN_CALL_RECORDING);
        assertEquals("2026-11-25T10:00:00.000Z", recording.details().get("start_time"));
        baas.leave(id);
        BotEvent.Completed done = log.await(BotEvent.Completed.class);
        assertEquals(id, done.botId());
        assertEquals(List.of(JOINING_CALL, IN_WAITING_ROOM, IN_CALL_NOT_RECORDING, IN_CALL_RECORDING,
                API_REQUEST_STOP, CALL_ENDED), log.statuses());
        assertTrue(s.calls.contains("leave"), "the bot left through the platform: " + s.calls);
        assertEquals("join", s.calls.getFirst());
        assertEquals(BotPhase.COMPLETED, store.find(id).orElseThrow().phase());
        assertTrue(store.find(id).orElseThrow().joinedAt().isPresent());
    }

    @Test
    void admittedWithoutWaitingRoom() throws Exception {
        join(config());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.Admitted(now()));
        log.awaitStatus(IN_CALL_RECORDING);
        s.emit(new MeetingEvent.MeetingEnded(now()));
        log.await(BotEvent.Completed.class);
        assertEquals(List.of(JOINING_CALL, IN_CALL_NOT_RECORDING, IN_CALL_RECORDING, CALL_ENDED), log.statuses());
    }

    @Test
    void deniedFailsWithBotNotAccepted() throws Exception {
        join(config());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        s.emit(new MeetingEvent.Denied(now(), "Someone in the call denied your request to join"));
        BotEvent.Failed failed = log.await(BotEvent.Failed.class);
        assertEquals(FailureCode.BOT_NOT_ACCEPTED, failed.error());
        assertEquals(List.of(JOINING_CALL, IN_WAITING_ROOM, BOT_REJECTED), log.statuses());
    }

    @Test
    void waitingRoomTimeoutFailsWithTimeoutWaitingToStart() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(Duration.ofSeconds(120), null, null, null, null)).build();
        join(cfg);
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        log.awaitStatus(IN_WAITING_ROOM);
        time.advance(Duration.ofSeconds(119));
        s.emit(new MeetingEvent.ParticipantJoined(now(), Participant.of("p0", "Early"))); // a marker the bot handles in order
        log.await(BotEvent.ParticipantsChanged.class);
        assertFalse(log.statuses().contains(WAITING_ROOM_TIMEOUT));
        time.advance(Duration.ofSeconds(1));
        BotEvent.Failed failed = log.await(BotEvent.Failed.class);
        assertEquals(FailureCode.TIMEOUT_WAITING_TO_START, failed.error());
        assertEquals(WAITING_ROOM_TIMEOUT, log.statuses().getLast());
    }

    @Test
    void defaultWaitingRoomTimeoutIs600Seconds() throws Exception {
        join(config());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        log.awaitStatus(IN_WAITING_ROOM);
        time.advance(Duration.ofSeconds(600));
        assertEquals(FailureCode.TIMEOUT_WAITING_TO_START, log.await(BotEvent.Failed.class).error());
    }

    @Test
    void admissionCancelsTheWaitingRoomTimeout() throws Exception {
        FakePlatform.FakeSession s = admittedBot(config());
        s.emit(new MeetingEvent.ParticipantJoined(now(), Participant.of("a", "Alice")));
        log.await(BotEvent.ParticipantsChanged.class);
        time.advance(Duration.ofSeconds(599));
        s.emit(new MeetingEvent.ActiveSpeaker(now(), Participant.of("a", "Alice"), true));
        log.await(BotEvent.Speaker.class);
        time.advance(Duration.ofSeconds(30));
        s.emit(new MeetingEvent.MeetingEnded(now()));
        BotEvent.Completed done = log.await(BotEvent.Completed.class);
        assertEquals(List.of("Alice"), done.speakers());
        assertFalse(log.statuses().contains(WAITING_ROOM_TIMEOUT));
    }

    @Test
    void nooneJoinedTimeoutEndsWithTimeoutWaitingToStart() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(null, Duration.ofSeconds(300), Duration.ofSeconds(3600), null, null)).build();
        FakePlatform.FakeSession s = admittedBot(cfg);
        time.advance(Duration.ofSeconds(300));
        BotEvent.Failed failed = log.await(BotEvent.Failed.class);
        assertEquals(FailureCode.TIMEOUT_WAITING_TO_START, failed.error());
        assertTrue(s.calls.contains("leave"));
    }

    @Test
    void someoneJoiningCancelsNooneJoinedTimeout() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(null, Duration.ofSeconds(300), Duration.ofSeconds(3600), null, null)).build();
        FakePlatform.FakeSession s = admittedBot(cfg);
        s.emit(new MeetingEvent.ParticipantJoined(now(), Participant.of("b", "Bob")));
        log.await(BotEvent.ParticipantsChanged.class);
        time.advance(Duration.ofSeconds(900));
        s.emit(new MeetingEvent.MeetingEnded(now()));
        log.await(BotEvent.Completed.class);
        assertTrue(log.all().stream().noneMatch(e -> e instanceof BotEvent.Failed));
    }

    @Test
    void silenceTimeoutEndsARecordingNobodySpeaksIn() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(null, Duration.ofSeconds(3600), Duration.ofSeconds(300), null, null)).build();
        FakePlatform.FakeSession s = admittedBot(cfg);
        s.emit(new MeetingEvent.ParticipantJoined(now(), Participant.of("b", "Bob")));
        log.await(BotEvent.ParticipantsChanged.class);
        time.advance(Duration.ofSeconds(200));
        s.emit(new MeetingEvent.ActiveSpeaker(now(), Participant.of("b", "Bob"), true));
        log.await(BotEvent.Speaker.class);
        time.advance(Duration.ofSeconds(200)); // 400 s in, but only 200 s of silence
        assertTrue(log.all().stream().noneMatch(Baas::isFinal));
        time.advance(Duration.ofSeconds(100));
        log.await(BotEvent.Completed.class);
        assertEquals(CALL_ENDED, log.statuses().getLast());
        assertTrue(s.calls.contains("leave"));
    }

    @Test
    void everyoneLeftTimeoutIsOffByDefaultAndEndsWhenSet() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(null, null, null,
                Optional.of(Duration.ofSeconds(60)), null)).build();
        FakePlatform.FakeSession s = admittedBot(cfg);
        Participant bob = Participant.of("b", "Bob");
        s.emit(new MeetingEvent.ParticipantJoined(now(), bob));
        log.await(e -> e instanceof BotEvent.ParticipantsChanged p && p.present().size() == 1);
        s.emit(new MeetingEvent.ParticipantLeft(now(), bob));
        log.await(e -> e instanceof BotEvent.ParticipantsChanged p && p.present().isEmpty());
        time.advance(Duration.ofSeconds(60));
        log.await(BotEvent.Completed.class);
    }

    @Test
    void maxDurationEndsTheBot() throws Exception {
        BotConfig cfg = config().toBuilder().automaticLeave(new AutomaticLeave(null, null, null, null,
                Optional.of(Duration.ofSeconds(90)))).build();
        admittedBot(cfg);
        time.advance(Duration.ofSeconds(90));
        log.await(BotEvent.Completed.class);
    }

    @Test
    void removedWhileRecordingCompletes() throws Exception {
        FakePlatform.FakeSession s = admittedBot(config());
        s.emit(new MeetingEvent.Removed(now()));
        log.await(BotEvent.Completed.class);
        assertEquals(List.of(JOINING_CALL, IN_WAITING_ROOM, IN_CALL_NOT_RECORDING, IN_CALL_RECORDING,
                BOT_REMOVED, CALL_ENDED), log.statuses());
    }

    @Test
    void removedFromTheWaitingRoomFailsWithBotRemoved() throws Exception {
        join(config());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.InWaitingRoom(now()));
        s.emit(new MeetingEvent.Removed(now()));
        assertEquals(FailureCode.BOT_REMOVED, log.await(BotEvent.Failed.class).error());
    }

    @Test
    void pauseAndResume() throws Exception {
        FakePlatform.FakeSession s = admittedBot(config());
        s.emit(new MeetingEvent.RecordingPaused(now()));
        log.awaitStatus(RECORDING_PAUSED);
        s.emit(new MeetingEvent.RecordingResumed(now()));
        log.awaitStatus(RECORDING_RESUMED);
        s.emit(new MeetingEvent.MeetingEnded(now()));
        log.await(BotEvent.Completed.class);
    }

    @Test
    void cannotJoinReportsMeetingErrorWithTheReason() throws Exception {
        join(config());
        platform.awaitSession().emit(new MeetingEvent.CannotJoin(now(), FailureCode.CANNOT_JOIN_MEETING, "sign-in required"));
        BotEvent.Failed failed = log.await(BotEvent.Failed.class);
        assertEquals(FailureCode.CANNOT_JOIN_MEETING, failed.error());
        BotEvent.StatusChanged err = log.awaitStatus(MEETING_ERROR);
        assertEquals("sign-in required", err.details().get("error_message"));
        assertEquals("CannotJoinMeeting", err.details().get("error_type"));
    }

    @Test
    void joinThatNeverProgressesTimesOut() throws Exception {
        join(config());
        platform.awaitSession();
        time.advance(Duration.ofSeconds(180));
        assertEquals(FailureCode.CANNOT_JOIN_MEETING, log.await(BotEvent.Failed.class).error());
    }

    @Test
    void sessionFailureMidCallFailsWithItsCode() throws Exception {
        FakePlatform.FakeSession s = admittedBot(config());
        s.emit(new MeetingEvent.SessionFailed(now(), FailureCode.INTERNAL_ERROR, "browser crashed"));
        BotEvent.Failed failed = log.await(BotEvent.Failed.class);
        assertEquals("browser crashed", failed.message());
        assertEquals(BotPhase.FAILED, store.find(failed.botId()).orElseThrow().phase());
    }

    @Test
    void aPlatformThatThrowsEndsTheBotAsInternalError() throws Exception {
        FakePlatform broken = new FakePlatform("broken") {
            @Override public dev.baas.spi.MeetingSession open(dev.baas.spi.SessionContext c) {
                throw new IllegalStateException("boom");
            }
        };
        try (Baas b = Baas.builder().platform(broken).clock(time).scheduler(time).dataDirectory(dir).build()) {
            EventLog l = new EventLog();
            b.onEvent(l);
            b.join(BotConfig.builder("https://broken.test/x", "Bot").build());
            BotEvent.Failed failed = l.await(BotEvent.Failed.class);
            assertEquals(FailureCode.INTERNAL_ERROR, failed.error());
            assertTrue(failed.message().contains("boom"));
        }
    }

    @Test
    void startTimeSchedulesTheJoin() throws Exception {
        long in10min = now().plusSeconds(600).getEpochSecond();
        UUID id = baas.join(config().toBuilder().startTime(in10min).build());
        assertEquals(BotPhase.SCHEDULED, store.find(id).orElseThrow().phase());
        time.advance(Duration.ofSeconds(599));
        assertTrue(log.statuses().isEmpty());
        time.advance(Duration.ofSeconds(1));
        log.awaitStatus(JOINING_CALL);
    }

    @Test
    void leavingAScheduledBotEndsItWithoutJoining() throws Exception {
        UUID id = baas.join(config().toBuilder().startTime(now().plusSeconds(600).getEpochSecond()).build());
        baas.leave(id);
        log.await(BotEvent.Completed.class);
        assertEquals(List.of(API_REQUEST_STOP), log.statuses());
        assertTrue(platform.sessions.isEmpty());
    }

    @Test
    void entryMessageIsPostedOnAdmission() throws Exception {
        FakePlatform.FakeSession s = admittedBot(config().toBuilder().entryMessage("Hello, I am recording").build());
        s.emit(new MeetingEvent.MeetingEnded(now()));
        log.await(BotEvent.Completed.class);
        assertEquals(List.of("Hello, I am recording"), s.chat);
    }

    @Test
    void reservedIsKept() throws Exception {
        UUID id = join(config().toBuilder().reserved(true).build());
        assertTrue(store.find(id).orElseThrow().config().reserved());
    }

    @Test
    void unknownUrlIsRefusedBeforeAnyBotExists() {
        BaasException e = assertThrows(BaasException.class,
                () -> baas.join(BotConfig.builder("https://example.com/x", "Bot").build()));
        assertEquals(ErrorCode.INVALID_MEETING_URL, e.code());
        assertTrue(store.unfinished().isEmpty());
        assertTrue(platform.sessions.isEmpty());
    }
}
