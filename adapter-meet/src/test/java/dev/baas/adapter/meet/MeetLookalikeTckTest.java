package dev.baas.adapter.meet;

import dev.baas.browser.BrowserRuntime;
import dev.baas.sandbox.LookalikeFixture;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;
import dev.baas.tck.RecordingContext;
import dev.baas.tck.TestMeeting;
import dev.baas.tck.TestMeetingSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform rules, run by the Meet adapter against the sandbox's Google Meet look-alike at its real address. */
class MeetLookalikeTckTest extends MeetingPlatformTck {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private LookalikeFixture fixture;

    @Override protected PlatformFixture createFixture() {
        fixture = new LookalikeFixture("meet", new MeetPlatform());
        return fixture;
    }

    /** Pictures of the look-alike as the bot sees it, in the lobby and in the call, for people to compare with Meet. */
    @Test void screenshots_of_the_lobby_and_the_call() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        MeetPlatform platform = new MeetPlatform();
        try (TestMeeting meeting = fixture.createMeeting(TestMeetingSpec.withWaitingRoom("Alice", "Bob"))) {
            BotConfig config = BotConfig.builder(meeting.url(), "Notetaker").recordingMode(RecordingMode.AUDIO_ONLY).build();
            RecordingContext ctx = new RecordingContext(config, platform.parse(meeting.url()).orElseThrow(),
                    type -> type == BrowserRuntime.class ? Optional.of(fixture.botsBrowser()) : Optional.empty());
            try (MeetingSession session = platform.open(ctx)) {
                session.join();
                assertTrue(ctx.await(MeetingEvent.InWaitingRoom.class, e -> true, PATIENCE).isPresent(), "never in the lobby");
                byte[] lobby = session.screenshot().orElseThrow();
                assertFalse(meeting.inCall("Notetaker"), "the lobby picture was taken in the call");
                meeting.admitBot("Notetaker");
                assertTrue(ctx.await(MeetingEvent.Admitted.class, e -> true, PATIENCE).isPresent(), "never admitted");
                meeting.participantWritesChat("Alice", "Welcome to the weekly sync");
                assertTrue(ctx.await(MeetingEvent.ChatMessage.class, m -> m.sender().equals("Alice"), PATIENCE).isPresent(),
                        "the chat panel never showed Alice's message");
                meeting.participantSays("Alice", "Let us start with the roadmap");
                assertTrue(ctx.await(MeetingEvent.ActiveSpeaker.class, s -> s.speaking(), PATIENCE).isPresent(), "nobody spoke");
                byte[] call = session.screenshot().orElseThrow();
                assertTrue(startsWithPng(lobby) && startsWithPng(call), "a screenshot is not a PNG");
                assertFalse(Arrays.equals(lobby, call), "the lobby and the call look the same");
                Files.write(dir.resolve("meet-lobby.png"), lobby);
                Files.write(dir.resolve("meet-in-call.png"), call);
            }
        }
    }

    /** A code no meeting has: Meet answers "Check your meeting code", which is no meeting to wait for. */
    @Test void an_unknown_meeting_code_cannot_be_joined() {
        MeetPlatform platform = new MeetPlatform();
        String url = "https://meet.google.com/zzz-zzzz-zzz";
        RecordingContext ctx = new RecordingContext(BotConfig.builder(url, "Notetaker").build(), platform.parse(url).orElseThrow(),
                type -> type == BrowserRuntime.class ? Optional.of(fixture.botsBrowser()) : Optional.empty());
        try (MeetingSession session = platform.open(ctx)) {
            session.join();
            MeetingEvent.CannotJoin no = ctx.await(MeetingEvent.CannotJoin.class, e -> true, PATIENCE)
                    .orElseThrow(() -> new AssertionError("no CannotJoin for an unknown code; events: " + ctx.events()));
            assertTrue(no.reason().contains("zzz-zzzz-zzz"), "the reason does not name the meeting: " + no.reason());
            assertTrue(ctx.events().stream().noneMatch(e -> e instanceof MeetingEvent.InWaitingRoom), "waited for no meeting");
        }
    }

    private static boolean startsWithPng(byte[] b) {
        return b.length > PNG.length && Arrays.equals(Arrays.copyOf(b, PNG.length), PNG);
    }
}
