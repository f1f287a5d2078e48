package dev.baas.core.webhook;

import dev.baas.core.BotEvent;
import dev.baas.core.BotPhase;
import dev.baas.core.db.Database;
import dev.baas.core.store.BotRecord;
import dev.baas.core.store.JooqBotStore;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.MeetingRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A process that writes bot events with their webhooks, starts delivering them, says READY and waits to be
 * killed: {@link OutboxCrashTest} kills it with SIGKILL mid-delivery.
 */
public final class OutboxCrashChild {
    public static void main(String[] args) throws Exception {
        String jdbc = args[0], hook = args[1];
        int bots = Integer.parseInt(args[2]);
        Database db = Database.open(jdbc, "postgres", null);
        WebhookPlanner planner = new WebhookPlanner(a -> Optional.empty(), (b, f) -> "https://files.test/" + f);
        JooqBotStore store = new JooqBotStore(db, (tx, bot, events) -> JooqOutboxStore.enqueue(tx, planner.plan(bot, events), Instant.now()));
        for (int i = 0; i < bots; i++) {
            UUID id = UUID.randomUUID();
            BotConfig config = BotConfig.builder("https://fake.test/crash-" + i, "Bot").webhookUrl(hook).build();
            store.create(new BotRecord(id, "crash", config, MeetingRef.of("fake", config.meetingUrl(), "m" + i), BotPhase.SCHEDULED,
                    Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), List.of());
            store.transition(id, BotPhase.JOINING, Instant.now(), List.of(new BotEvent.StatusChanged(id, Instant.now(), BotStatusCode.JOINING_CALL, Map.of())));
            store.transition(id, BotPhase.IN_CALL_NOT_RECORDING, Instant.now(), List.of(new BotEvent.StatusChanged(id, Instant.now(), BotStatusCode.IN_CALL_NOT_RECORDING, Map.of())));
            store.transition(id, BotPhase.IN_CALL_RECORDING, Instant.now(), List.of(new BotEvent.StatusChanged(id, Instant.now(), BotStatusCode.IN_CALL_RECORDING, Map.of())));
        }
        WebhookSender sender = new WebhookSender(new WebhookSender.Settings(Duration.ofSeconds(2), Duration.ofMinutes(5), 1024),
                new UrlGuard(true), Clock.systemUTC());
        new WebhookDispatcher(new JooqOutboxStore(db), sender, a -> new WebhookSender.Credentials(Optional.empty(), OutboxCrashTest.SECRET),
                Clock.systemUTC(), RetrySchedule.STANDARD, 8, Duration.ofSeconds(3), Duration.ofMillis(200));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5)); // waits to be killed
    }
}
