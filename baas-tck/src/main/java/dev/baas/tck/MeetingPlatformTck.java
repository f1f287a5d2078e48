package dev.baas.tck;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.VideoFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rules every meeting platform plugin passes. A plugin's test extends this class and returns its {@link
 * PlatformFixture}; each rule is a test named by its ID, so a failure names the rule broken. Rules gated by a
 * {@link Capability} are skipped (not passed) when the platform does not declare it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MeetingPlatformTck {
    private static final String ALICE = "Alice", BOB = "Bob";
    /** How long a rule watches a lobby for a false admission. */
    private static final Duration LOBBY_WATCH = Duration.ofSeconds(6);
    private PlatformFixture fixture;
    private Duration patience;

    /** Creates the fixture once for the whole class; it is closed after the last rule. */
    protected abstract PlatformFixture createFixture();

    @BeforeAll final void startFixture() {
        fixture = createFixture();
        patience = fixture.patience();
    }

    @AfterAll final void stopFixture() {
        if (fixture != null) fixture.close();
    }

    // ---- joining ------------------------------------------------------------------------------------------

    @Test void required_join_101_reaches_in_call_after_admission() {
        boolean lobby = has(Capability.WAITING_ROOM);
        try (TestMeeting meeting = meeting(lobby ? TestMeetingSpec.withWaitingRoom(ALICE) : TestMeetingSpec.open(ALICE));
             Bot bot = bot(meeting, "TCK Bot 101", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            if (lobby) {
                bot.expect(MeetingEvent.InWaitingRoom.class, "the bot never reached the waiting room");
                meeting.admitBot(bot.name);
            }
            bot.expect(MeetingEvent.Admitted.class, "no Admitted after the host let the bot in");
            assertTrue(bot.ctx.events().getFirst() instanceof MeetingEvent.Joining, "the first event must be Joining");
            eventually(() -> meeting.inCall(bot.name), "the meeting does not show the bot in the call");
        }
    }

    @Test void required_join_102_joins_a_meeting_without_waiting_room() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = bot(meeting, "TCK Bot 102", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            bot.expect(MeetingEvent.Admitted.class, "no Admitted in a meeting without a waiting room");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.InWaitingRoom),
                    "reported a waiting room in a meeting that has none");
        }
    }

    @Test void required_waiting_room_103_reports_waiting_room() {
        gate(Capability.WAITING_ROOM);
        try (TestMeeting meeting = meeting(TestMeetingSpec.withWaitingRoom(ALICE));
             Bot bot = bot(meeting, "TCK Bot 103", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            bot.expect(MeetingEvent.InWaitingRoom.class, "no InWaitingRoom while the host has not admitted the bot");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.Admitted),
                    "reported Admitted before the host admitted the bot");
            assertTrue(!meeting.inCall(bot.name), "the bot is in the call without being admitted");
        }
    }

    @Test void required_denial_104_reports_denied() {
        gate(Capability.WAITING_ROOM);
        try (TestMeeting meeting = meeting(TestMeetingSpec.withWaitingRoom(ALICE));
             Bot bot = bot(meeting, "TCK Bot 104", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            bot.expect(MeetingEvent.InWaitingRoom.class, "the bot never reached the waiting room");
            meeting.denyBot(bot.name);
            bot.expect(MeetingEvent.Denied.class, "no Denied after the host refused the bot");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.Admitted),
                    "reported Admitted although the host denied the bot");
        }
    }

    @Test void required_removal_105_reports_removed() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 105", RecordingMode.AUDIO_ONLY)) {
            meeting.removeBot(bot.name);
            bot.expect(MeetingEvent.Removed.class, "no Removed after the host removed the bot");
        }
    }

    @Test void required_end_106_reports_meeting_ended() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 106", RecordingMode.AUDIO_ONLY)) {
            meeting.end();
            bot.expect(MeetingEvent.MeetingEnded.class, "no MeetingEnded after the meeting ended for everyone");
        }
    }

    @Test void required_leave_107_leaves_on_command() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 107", RecordingMode.AUDIO_ONLY)) {
            eventually(() -> meeting.inCall(bot.name), "the meeting does not show the bot in the call");
            bot.session.leave();
            eventually(() -> !meeting.inCall(bot.name), "the bot is still in the call after leave()");
            eventually(() -> meeting.inCall(ALICE), "leaving must not end the meeting for the others");
        }
    }

    @Test void required_lifecycle_108_close_never_throws() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE))) {
            Bot idle = bot(meeting, "TCK Bot 108a", RecordingMode.AUDIO_ONLY);
            assertDoesNotThrow(idle::close, "close() before join() threw");
            assertDoesNotThrow(idle::close, "a second close() threw");
            Bot joined = admitted(meeting, "TCK Bot 108b", RecordingMode.AUDIO_ONLY);
            assertDoesNotThrow(joined::close, "close() in the call threw");
            eventually(() -> !meeting.inCall(joined.name), "close() left the bot in the call");
        }
    }

    @Test void required_parse_109_recognises_its_meeting_urls_only() {
        MeetingPlatform platform = fixture.platform();
        try (TestMeeting meeting = meeting(TestMeetingSpec.open())) {
            Optional<MeetingRef> ref = platform.parse(meeting.url());
            assertTrue(ref.isPresent(), "does not recognise its own meeting URL " + meeting.url());
            assertEquals(platform.name(), ref.get().platform(), "the meeting reference names another platform");
            assertTrue(!ref.get().meetingId().isBlank(), "the meeting reference has no meeting id");
        }
        for (String odd : new String[]{"", "not a url", "::::", "https://example.invalid/", "ftp://x/y"})
            assertTrue(assertDoesNotThrow(() -> platform.parse(odd), "parse threw on \"" + odd + "\"").isEmpty(),
                    "claimed the URL \"" + odd + "\"");
    }

    // ---- traps that broke bots on the real platforms (run on fixtures that reproduce them) ------------------

    @Test void required_trap_110_a_lobby_is_never_admission() {
        gate(Capability.WAITING_ROOM);
        assumeTrue(fixture.reproducesTraps(), "the fixture does not reproduce the platform's traps");
        try (TestMeeting meeting = meeting(TestMeetingSpec.withWaitingRoom(ALICE));
             Bot bot = bot(meeting, "TCK Bot 110", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            bot.expect(MeetingEvent.InWaitingRoom.class, "the bot never reached the waiting room");
            // the lobby shows call controls, a Leave button and a disabled Join: watch it for a while
            meeting.participantWritesChat(ALICE, "Is the guest still waiting?");
            assertTrue(bot.ctx.await(MeetingEvent.Admitted.class, e -> true, LOBBY_WATCH).isEmpty(),
                    "reported Admitted from the lobby; events: " + bot.ctx.events());
            assertTrue(!meeting.inCall(bot.name), "the bot is in the call without being admitted");
            meeting.admitBot(bot.name);
            bot.expect(MeetingEvent.Admitted.class, "no Admitted after the host let the bot in");
        }
    }

    @Test void required_trap_111_late_modals_do_not_stall_the_bot() {
        assumeTrue(fixture.reproducesTraps(), "the fixture does not reproduce the platform's traps");
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 111", RecordingMode.AUDIO_ONLY)) {
            eventually(() -> meeting.inCall(bot.name), "the meeting does not show the bot in the call");
            if (has(Capability.CHAT_SEND)) {
                // the dialogs a platform shows after joining cover the chat: it only works once they are handled
                String text = "Sent after the dialogs, rule 111";
                bot.session.sendChat(text);
                eventually(() -> meeting.chatFrom(bot.name).contains(text), "the bot's chat never reached the meeting");
            }
        }
    }

    @Test void required_trap_112_a_sign_in_wall_is_cannot_join() {
        assumeTrue(fixture.reproducesTraps(), "the fixture does not reproduce the platform's traps");
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE).withSignInWall());
             Bot bot = bot(meeting, "TCK Bot 112", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            MeetingEvent.CannotJoin no = bot.expect(MeetingEvent.CannotJoin.class,
                    "no CannotJoin for a meeting that requires signing in");
            assertTrue(!no.reason().isBlank(), "CannotJoin without a reason");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.Admitted),
                    "reported Admitted at a sign-in wall");
        }
    }

    @Test void required_trap_113_waits_for_the_host_then_joins() {
        assumeTrue(fixture.reproducesTraps(), "the fixture does not reproduce the platform's traps");
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE).hostAbsent());
             Bot bot = bot(meeting, "TCK Bot 113", RecordingMode.AUDIO_ONLY)) {
            bot.join();
            bot.expect(MeetingEvent.InWaitingRoom.class, "waiting for the host was not reported as waiting");
            assertTrue(bot.ctx.await(MeetingEvent.Admitted.class, e -> true, LOBBY_WATCH).isEmpty(),
                    "reported Admitted before the host started the meeting");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.CannotJoin),
                    "gave up although the host had only not started yet");
            meeting.startHost();
            bot.expect(MeetingEvent.Admitted.class, "no Admitted after the host started the meeting");
        }
    }

    // ---- the people in the call ---------------------------------------------------------------------------

    @Test void required_participants_201_reports_participants_joining_and_leaving() {
        gate(Capability.PARTICIPANT_LIST);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 201", RecordingMode.AUDIO_ONLY)) {
            bot.expect(MeetingEvent.ParticipantJoined.class, j -> j.participant().name().equals(ALICE),
                    "Alice, in the call before the bot, was never reported");
            meeting.participantJoins(BOB);
            bot.expect(MeetingEvent.ParticipantJoined.class, j -> j.participant().name().equals(BOB),
                    "Bob joined but was not reported");
            meeting.participantLeaves(BOB);
            bot.expect(MeetingEvent.ParticipantLeft.class, l -> l.participant().name().equals(BOB),
                    "Bob left but was not reported");
            assertTrue(bot.ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.ParticipantLeft l
                    && l.participant().name().equals(ALICE)), "Alice reported as gone while still in the call");
        }
    }

    @Test void required_speaker_202_reports_active_speaker() {
        gate(Capability.ACTIVE_SPEAKER);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 202", RecordingMode.AUDIO_ONLY)) {
            TestMeeting.Spoken spoken = meeting.participantSays(ALICE, "The quarterly numbers look good");
            MeetingEvent.ActiveSpeaker on = bot.expect(MeetingEvent.ActiveSpeaker.class,
                    s -> s.speaking() && s.participant().name().equals(ALICE), "Alice spoke but was never the active speaker");
            long lagMillis = Duration.between(spoken.onset(), on.at()).toMillis();
            assertTrue(lagMillis > -500 && lagMillis < 5_000, "speaker reported " + lagMillis + " ms from the speech onset");
            bot.expect(MeetingEvent.ActiveSpeaker.class, s -> !s.speaking() && s.participant().name().equals(ALICE),
                    "Alice stopped speaking but was never reported as stopped");
        }
    }

    // ---- chat ---------------------------------------------------------------------------------------------

    @Test void required_chat_301_sends_chat() {
        gate(Capability.CHAT_SEND);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 301", RecordingMode.AUDIO_ONLY)) {
            String text = "Hello from the TCK, rule 301";
            bot.session.sendChat(text);
            eventually(() -> meeting.chatFrom(bot.name).contains(text), "the meeting never showed the bot's chat message");
        }
    }

    @Test void required_chat_302_reads_chat() {
        gate(Capability.CHAT_READ);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 302", RecordingMode.AUDIO_ONLY)) {
            meeting.participantWritesChat(ALICE, "Can everyone see my screen?");
            MeetingEvent.ChatMessage m = bot.expect(MeetingEvent.ChatMessage.class,
                    c -> c.text().equals("Can everyone see my screen?"), "Alice's chat message was not reported");
            assertEquals(ALICE, m.sender(), "chat message attributed to the wrong sender");
            assertTrue(!m.fromBot(), "a participant's message reported as the bot's own");
        }
    }

    // ---- audio --------------------------------------------------------------------------------------------

    @Test void required_audio_401_captures_participant_speech() {
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 401", RecordingMode.AUDIO_ONLY)) {
            bot.awaitAudio(f -> f.isMix(), "no mixed audio frames arrived after admission");
            Instant quietFrom = Instant.now();
            TestMeeting.Spoken spoken = meeting.participantSays(ALICE, "Let us review the budget for next year");
            Instant until = spoken.end().plusSeconds(2);
            assertTrue(bot.ctx.awaitMedia(c -> c.audio().stream().anyMatch(f -> f.isMix()
                    && f.timestampMicros() >= Audio.micros(until)), untilThenPatience(until)),
                    "mixed audio stopped arriving");
            List<AudioFrame> all = bot.ctx.audio();
            List<AudioFrame> before = Audio.between(all, AudioFrame::isMix, quietFrom, spoken.onset().minusMillis(200));
            List<AudioFrame> during = Audio.between(all, AudioFrame::isMix, spoken.onset().minusMillis(200), until);
            assertTrue(Audio.peak(before) < Audio.VOICE_RMS, "captured sound before anyone spoke: peak " + Audio.peak(before));
            long voiced = Audio.voicedMillis(during), expected = spoken.duration().toMillis();
            assertTrue(voiced > expected * 0.5 && voiced < expected * 1.5 + 400,
                    "captured " + voiced + " ms of speech for an utterance of " + expected + " ms");
            AudioFrame first = during.stream().filter(f -> Audio.rms(f.samples()) > Audio.VOICE_RMS).findFirst().orElseThrow();
            long lag = (first.timestampMicros() - Audio.micros(spoken.onset())) / 1000;
            assertTrue(lag > -100 && lag < 1_500, "speech captured at " + lag + " ms from its onset");
            assertTrue(all.stream().allMatch(f -> f.sampleRate() > 0 && f.samples().length > 0), "empty or rateless frames");
        }
    }

    @Test void required_audio_402_labels_each_participant_audio() {
        gate(Capability.PER_PARTICIPANT_AUDIO);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE, BOB));
             Bot bot = admitted(meeting, "TCK Bot 402", RecordingMode.AUDIO_ONLY)) {
            bot.awaitAudio(f -> f.source().equals(ALICE), "no audio frames labelled with Alice's name");
            bot.awaitAudio(f -> f.source().equals(BOB), "no audio frames labelled with Bob's name");
            TestMeeting.Spoken spoken = meeting.participantSays(ALICE, "Only Alice is talking right now");
            Instant until = spoken.end().plusSeconds(1);
            assertTrue(bot.ctx.awaitMedia(c -> c.audio().stream().anyMatch(f -> f.source().equals(BOB)
                    && f.timestampMicros() >= Audio.micros(until)), untilThenPatience(until)),
                    "Bob's audio stopped arriving");
            List<AudioFrame> all = bot.ctx.audio();
            long alice = Audio.voicedMillis(Audio.between(all, f -> f.source().equals(ALICE), spoken.onset(), until));
            long bob = Audio.voicedMillis(Audio.between(all, f -> f.source().equals(BOB), spoken.onset(), until));
            assertTrue(alice > spoken.duration().toMillis() / 2, "Alice's own audio holds only " + alice + " ms of her speech");
            assertTrue(bob < alice / 5, "Bob's audio holds " + bob + " ms of Alice's speech");
        }
    }

    // ---- video --------------------------------------------------------------------------------------------

    @Test void required_video_501_captures_meeting_view() {
        gate(Capability.VIDEO_SPEAKER_VIEW);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 501", RecordingMode.SPEAKER_VIEW)) {
            assertTrue(bot.ctx.awaitMedia(c -> c.video().size() >= 3, patience), "fewer than 3 video frames arrived");
            List<VideoFrame> frames = bot.ctx.video();
            for (VideoFrame f : frames) {
                assertTrue(f.width() > 0 && f.height() > 0, "a frame without a size");
                assertTrue(f.data().length > 0, "an empty frame");
                if (f.format().equals("jpeg"))
                    assertTrue((f.data()[0] & 0xff) == 0xFF && (f.data()[1] & 0xff) == 0xD8, "a jpeg frame that is not JPEG");
            }
            for (int i = 1; i < frames.size(); i++)
                assertTrue(frames.get(i).timestampMicros() >= frames.get(i - 1).timestampMicros(), "video timestamps go back");
        }
    }

    // ---- speaking -----------------------------------------------------------------------------------------

    @Test void required_speech_601_participant_hears_the_bot() {
        gate(Capability.SPEECH_OUTPUT);
        try (TestMeeting meeting = meeting(TestMeetingSpec.open(ALICE));
             Bot bot = admitted(meeting, "TCK Bot 601", RecordingMode.AUDIO_ONLY)) {
            eventually(() -> meeting.inCall(bot.name), "the meeting does not show the bot in the call");
            Instant since = Instant.now();
            assertTrue(meeting.heardBy(ALICE, since).voiced().toMillis() < 100, "Alice hears sound before the bot speaks");
            bot.session.speak(tone(1.5, 16_000), 16_000);
            eventually(() -> meeting.heardBy(ALICE, since).voiced().toMillis() >= 750,
                    "Alice did not hear 1.5 s of the bot's speech (heard " + meeting.heardBy(ALICE, since) + ")");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** One bot session under test with its recording context. */
    protected final class Bot implements AutoCloseable {
        final String name;
        final RecordingContext ctx;
        final MeetingSession session;

        Bot(String name, RecordingContext ctx, MeetingSession session) {
            this.name = name;
            this.ctx = ctx;
            this.session = session;
        }

        void join() { session.join(); }

        <E extends MeetingEvent> E expect(Class<E> type, String failure) { return expect(type, e -> true, failure); }

        <E extends MeetingEvent> E expect(Class<E> type, java.util.function.Predicate<E> test, String failure) {
            return ctx.await(type, test, patience).orElseGet(() -> fail(failure + "; events: " + ctx.events()));
        }

        void awaitAudio(java.util.function.Predicate<AudioFrame> test, String failure) {
            assertTrue(ctx.awaitMedia(c -> c.audio().stream().anyMatch(test), patience), failure);
        }

        @Override public void close() { session.close(); }
    }

    private Bot bot(TestMeeting meeting, String name, RecordingMode mode) {
        MeetingRef ref = fixture.platform().parse(meeting.url())
                .orElseGet(() -> fail("the platform does not recognise " + meeting.url()));
        BotConfig config = BotConfig.builder(meeting.url(), name).recordingMode(mode).build();
        RecordingContext ctx = new RecordingContext(config, ref, type -> fixture.service(type).map(o -> (Object) o));
        return new Bot(name, ctx, fixture.platform().open(ctx));
    }

    /** A bot that joined and is in the call (admitted by the host when the meeting has a waiting room). */
    private Bot admitted(TestMeeting meeting, String name, RecordingMode mode) {
        Bot bot = bot(meeting, name, mode);
        bot.join();
        bot.expect(MeetingEvent.Admitted.class, "the bot was not admitted to an open meeting");
        return bot;
    }

    private TestMeeting meeting(TestMeetingSpec spec) {
        if (spec.waitingRoom() && !has(Capability.WAITING_ROOM))
            spec = new TestMeetingSpec(spec.participants(), false, spec.hostPresent(), spec.signInRequired());
        return fixture.createMeeting(spec);
    }

    /** Time to reach {@code until} (media are real-time) plus the usual patience. */
    private Duration untilThenPatience(Instant until) {
        Duration ahead = Duration.between(Instant.now(), until);
        return (ahead.isNegative() ? Duration.ZERO : ahead).plus(patience);
    }

    private boolean has(Capability c) { return fixture.platform().capabilities().contains(c); }

    private void gate(Capability c) {
        assumeTrue(has(c), "the platform does not declare " + c);
    }

    /** Re-checks a condition the meeting exposes only as a query, until it holds or patience runs out. */
    private void eventually(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(failure);
            LockSupport.parkNanos(50_000_000);
        }
    }

    private static short[] tone(double seconds, int rate) {
        short[] out = new short[(int) (seconds * rate)];
        for (int i = 0; i < out.length; i++) out[i] = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 0.3 * 32767);
        return out;
    }
}
