package dev.baas.core.calendar;

import dev.baas.calendar.ApiClient;
import dev.baas.calendar.google.GoogleCalendarProvider;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.FakePlatform;
import dev.baas.core.FakeTime;
import dev.baas.core.webhook.InMemoryOutboxStore;
import dev.baas.spi.calendar.OAuthClient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** An engine on a fake clock with a fake meeting platform, a Google Calendar on loopback, and a calendar service. */
final class CalendarFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final String ACCOUNT = "acct";
    static final String HOOK = "https://hooks.example/calendar";

    final FakeTime time = new FakeTime(T0);
    final FakePlatform platform = new FakePlatform();
    final FakeGoogleCalendar google;
    final Baas baas;
    final InMemoryCalendarStore store = new InMemoryCalendarStore();
    final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    final TokenCipher cipher = new TokenCipher(new byte[32]);
    final CalendarService service;
    final LinkedBlockingQueue<BotEvent> botEvents = new LinkedBlockingQueue<>();

    CalendarFixture(Path dir, CalendarSettings settings, RandomGenerator random) throws IOException {
        google = new FakeGoogleCalendar(2);
        baas = Baas.builder().clock(time).scheduler(time).platform(platform).dataDirectory(dir).build();
        baas.onEvent(botEvents::add);
        GoogleCalendarProvider provider = new GoogleCalendarProvider(google.uri("/token"), google.uri("/v3"), 2,
                new ApiClient.Policy(3, Duration.ofMillis(1), Duration.ofSeconds(1), d -> { }), ApiClient.defaultHttp());
        service = CalendarService.builder(baas, store, cipher, time).provider(provider)
                .webhooks(outbox, a -> a.equals(ACCOUNT) ? Optional.of(HOOK) : Optional.empty())
                .settings(settings).random(random).build();
    }

    CalendarFixture(Path dir) throws IOException { this(dir, CalendarSettings.defaults(), RandomGenerator.getDefault()); }

    CalendarRecord connect() {
        return service.connect(ACCOUNT, "Google", new OAuthClient("cid", "csecret"), "rt-good", Optional.empty());
    }

    EventRecord event(CalendarRecord c, String providerId) {
        return store.events(c.uuid()).stream().filter(e -> e.providerId().equals(providerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + providerId));
    }

    /** Waits for the bot's final event. */
    BotEvent awaitEnd(UUID bot) throws InterruptedException {
        while (true) {
            BotEvent e = botEvents.poll(10, TimeUnit.SECONDS);
            if (e == null) throw new AssertionError("bot " + bot + " did not end");
            if (e.botId().equals(bot) && Baas.isFinal(e)) return e;
        }
    }

    @Override
    public void close() {
        service.close();
        baas.close();
        google.close();
    }
}
