package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.browser.Pcm;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole scenarios from a JSON spec: waiting room with automatic admission, scripted lines, timed end, a crash. */
class SandboxScenarioTest {
    static SandboxService sandbox;
    static BrowserRuntime bots;

    @BeforeAll static void start() {
        sandbox = SandboxService.start(SandboxService.Settings.defaults());
        bots = BrowserRuntime.start(BrowserSettings.defaults().withBotsPerBrowser(1));
    }

    @AfterAll static void stop() {
        bots.close();
        sandbox.close();
    }

    static RecordingContext context(String url, String name) {
        return new RecordingContext(BotConfig.builder(url, name).recordingMode(RecordingMode.AUDIO_ONLY).build(),
                new SandboxPlatform().parse(url).orElseThrow(),
                type -> type == BrowserRuntime.class ? Optional.of(bots) : Optional.empty());
    }

    @Test void scripted_meeting_admits_the_bot_speaks_to_it_and_ends_on_time() {
        SandboxService.CreatedMeeting m = sandbox.create("""
                {"participants":[{"name":"Alice","says":["Hi Bob, welcome to the sandbox"]}],
                 "waiting_room":true,"auto_admit":true,"admit_delay_ms":300,"end_after_s":12}""");
        assertTrue(m.meetingUrl().startsWith(sandbox.baseUrl() + "/m/sbx-"));
        RecordingContext ctx = context(m.meetingUrl(), "Scenario Bot");
        try (MeetingSession session = new SandboxPlatform().open(ctx)) {
            session.join();
            Duration patience = Duration.ofSeconds(30);
            assertTrue(ctx.await(MeetingEvent.InWaitingRoom.class, e -> true, patience).isPresent(), "never waited");
            assertTrue(ctx.await(MeetingEvent.Admitted.class, e -> true, patience).isPresent(), "never auto-admitted");
            assertTrue(ctx.awaitMedia(c -> c.audio().stream().filter(f -> f.source().equals("Alice"))
                    .filter(f -> Pcm.rms(f.samples()) > 0.01).count() > 25, patience), "Alice's line was not captured");
            session.sendChat("Thanks Alice");
            assertTrue(ctx.await(MeetingEvent.ChatMessage.class, c -> c.fromBot() && c.text().equals("Thanks Alice"), patience)
                    .isPresent(), "the bot's own chat line was not read back");
            assertTrue(ctx.await(MeetingEvent.MeetingEnded.class, e -> true, patience).isPresent(), "the meeting never ended");
            MeetingState state = sandbox.state(m.id());
            assertTrue(state.ended());
            assertEquals(List.of("Thanks Alice"), state.chatFrom("Scenario Bot"));
            List<AudioFrame> mix = ctx.audio().stream().filter(AudioFrame::isMix).toList();
            assertTrue(mix.size() > 50, "too little mixed audio");
        }
    }

    @Test void a_browser_crash_fails_the_session_instead_of_hanging() {
        SandboxService.CreatedMeeting m = sandbox.create("{\"participants\":[{\"name\":\"Alice\"}]}");
        RecordingContext ctx = context(m.meetingUrl(), "Doomed Bot");
        try (MeetingSession session = new SandboxPlatform().open(ctx)) {
            session.join();
            assertTrue(ctx.await(MeetingEvent.Admitted.class, e -> true, Duration.ofSeconds(30)).isPresent());
            // botsPerBrowser=1: this bot's browser is the newest one.
            String marker = bots.browserMarkers().getLast();
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("--type=")).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            MeetingEvent.SessionFailed failed = ctx.await(MeetingEvent.SessionFailed.class, e -> true, Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no SessionFailed after the browser died: " + ctx.events()));
            assertEquals(FailureCode.INTERNAL_ERROR, failed.code());
        } finally {
            sandbox.end(m.id());
        }
    }
}
