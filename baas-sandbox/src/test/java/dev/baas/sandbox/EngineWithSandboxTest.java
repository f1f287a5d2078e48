package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.RecordingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine runs a bot in a sandbox meeting through the shared browser runtime, registered as a service. */
class EngineWithSandboxTest {
    @Test void a_bot_joins_records_hears_the_speaker_and_completes_when_the_meeting_ends(@TempDir Path data) throws Exception {
        try (SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults());
             BrowserRuntime runtime = BrowserRuntime.start(BrowserSettings.fromEnvironment(System.getenv()));
             Baas baas = Baas.builder().platform(new SandboxPlatform()).service(BrowserRuntime.class, runtime)
                     .dataDirectory(data).build()) {
            BlockingQueue<BotEvent> events = new LinkedBlockingQueue<>();
            baas.onEvent(events::add);
            SandboxService.CreatedMeeting m = sandbox.create("""
                    {"participants":[{"name":"Alice","says":["Good morning everyone, the build is green"]}],
                     "waiting_room":true,"auto_admit":true,"admit_delay_ms":200}""");
            UUID bot = baas.join(BotConfig.builder(m.meetingUrl(), "Engine Bot").recordingMode(RecordingMode.AUDIO_ONLY)
                    .entryMessage("Engine Bot is recording").build());
            await(events, e -> e instanceof BotEvent.StatusChanged s && s.code() == BotStatusCode.IN_WAITING_ROOM);
            await(events, e -> e instanceof BotEvent.StatusChanged s && s.code() == BotStatusCode.IN_CALL_RECORDING);
            await(events, e -> e instanceof BotEvent.Speaker s && s.speaking() && s.participant().name().equals("Alice"));
            await(events, e -> e instanceof BotEvent.Speaker s && !s.speaking() && s.participant().name().equals("Alice"));
            assertTrue(sandbox.state(m.id()).chatFrom("Engine Bot").contains("Engine Bot is recording"), "no entry message");
            sandbox.end(m.id());
            BotEvent.Completed done = (BotEvent.Completed) await(events, e -> e instanceof BotEvent.Completed c && c.botId().equals(bot));
            assertTrue(done.speakers().contains("Alice"), "speakers: " + done.speakers());
            Path audio = done.artifacts().audio().orElseThrow();
            assertTrue(Files.size(audio) > 16_000 * 2, "the mixed recording is shorter than a second: " + Files.size(audio));
        }
    }

    private static BotEvent await(BlockingQueue<BotEvent> events, Predicate<BotEvent> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            BotEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e == null) continue;
            if (test.test(e)) return e;
            seen.append(e.getClass().getSimpleName()).append(' ');
            if (e instanceof BotEvent.Failed f) throw new AssertionError("bot failed: " + f);
        }
        throw new AssertionError("event never came; saw " + seen);
    }
}
