package dev.baas.core;

import dev.baas.core.db.Database;
import dev.baas.core.media.CrashingNode;
import dev.baas.core.store.JooqBotStore;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.JooqOutboxStore;
import dev.baas.core.webhook.WebhookPayloads;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingArtifacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A node killed with SIGKILL while its bots record, join and wait is restarted on the same database and folder: the
 * recording bot completes with what reached the disk, the joining bot fails with a clear reason, the scheduled bot
 * runs again; each with its webhook written, none left in a live state.
 */
class RecoveryTest {
    @TempDir Path data;

    @Test
    void aRestartedNodeFinishesEveryBotAKillLeftBehind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), CrashingNode.class.getName(), data.toString(), "6")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String[] ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) { /* start-up output */ }
            assertNotNull(line, "the node started its bots");
            ready = line.split(" ");
        } finally {
            child.destroyForcibly(); // SIGKILL: no leaving, no finishing, no shutdown hooks
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        UUID recorded = UUID.fromString(ready[1]), joining = UUID.fromString(ready[2]), scheduled = UUID.fromString(ready[3]);
        double encoded = Long.parseLong(ready[4]) / 1e6;

        try (Database db = Database.open(Optional.empty(), data)) {
            JooqOutboxStore outbox = new JooqOutboxStore(db);
            WebhookPlanner planner = new WebhookPlanner(a -> Optional.empty(), (bot, file) -> "/files/" + bot + "/" + file.getFileName());
            JooqBotStore store = new JooqBotStore(db, (tx, bot, events) ->
                    JooqOutboxStore.enqueue(tx, planner.plan(bot, events), Clock.systemUTC().instant()));
            assertEquals(BotPhase.IN_CALL_RECORDING, store.find(recorded).orElseThrow().phase(), "the kill left it recording");
            EventLog log = new EventLog();
            try (Baas restarted = Baas.builder().platform(new FakePlatform()).store(store).dataDirectory(data).build()) {
                restarted.onEvent(log);
                RecoveryReport report = restarted.recover();
                System.out.printf("recovered %d bots in %d ms (%d completed, %d failed, %d run again)%n", report.total(),
                        report.took().toMillis(), report.completed(), report.failed(), report.restarted());
                assertEquals(new RecoveryReport(1, 1, 1, report.took()), report);

                BotEvent.Completed done = (BotEvent.Completed) log.await(e -> e.botId().equals(recorded) && Baas.isFinal(e));
                MeetingArtifacts a = done.artifacts();
                assertTrue(a.video().isPresent() && a.audio().isPresent(), "video and sound kept: " + a);
                assertEquals(List.of("ada"), List.copyOf(a.participantAudio().keySet()));
                // the last second may be lost with the fragment or WAV header being written when the process died
                assertTrue(a.durationSeconds() >= encoded - 1.5, a.durationSeconds() + " s kept of " + encoded);
                long wavBytes = Files.size(a.audio().get());
                assertEquals(wavBytes - 44, (long) Math.round(a.durationSeconds() * 16_000) * 2, 2_000, "the WAV header tells its real length");
                assertEquals(BotPhase.COMPLETED, store.find(recorded).orElseThrow().phase());

                BotEvent.Failed failed = (BotEvent.Failed) log.await(e -> e.botId().equals(joining) && Baas.isFinal(e));
                assertEquals(FailureCode.INTERNAL_ERROR, failed.error());
                assertTrue(failed.message().contains("nothing usable had been recorded"), failed.message());

                assertEquals(BotPhase.SCHEDULED, store.find(scheduled).orElseThrow().phase(), "waits for its time again");
                assertEquals(1, restarted.runningBots());
                assertEquals(List.of(scheduled), store.unfinished().stream().map(b -> b.id()).toList());

                assertEquals(List.of("bot.status_change", WebhookPayloads.COMPLETE), newHooks(outbox, recorded));
                assertTrue(outbox.forBot(Baas.DEFAULT_ACCOUNT, recorded).stream()
                        .filter(d -> d.eventName().equals(WebhookPayloads.COMPLETE)).findFirst().orElseThrow()
                        .body().contains("/files/" + recorded + "/video.mp4"), "the complete webhook links the kept video");
                assertEquals(List.of("bot.status_change", WebhookPayloads.FAILED), newHooks(outbox, joining));
            }
        }
    }

    /** The webhooks of a bot written after its last joining_call/in_call_recording: those of the recovery. */
    private static List<String> newHooks(JooqOutboxStore outbox, UUID bot) {
        List<Delivery> all = outbox.forBot(Baas.DEFAULT_ACCOUNT, bot).stream()
                .sorted(java.util.Comparator.comparingLong(Delivery::id)).toList();
        int lastLive = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).body().contains("\"joining_call\"") || all.get(i).body().contains("\"in_call_recording\"")) lastLive = i + 1;
        }
        return all.subList(lastLive, all.size()).stream().map(Delivery::eventName).toList();
    }
}
