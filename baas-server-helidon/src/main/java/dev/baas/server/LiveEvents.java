package dev.baas.server;

import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.store.Account;
import dev.baas.core.store.JooqBotStore;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code GET /events}: the account's bot events as server-sent events while they happen. Each client has a bounded
 * queue; a client too slow to keep up loses events rather than slow the bots, and is told so.
 */
final class LiveEvents {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final int MAX_CLIENTS = 200;

    private final Baas baas;
    private final JooqBotStore bots;
    private final Map<UUID, String> owners = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();

    LiveEvents(Baas baas, JooqBotStore bots) {
        this.baas = baas;
        this.bots = bots;
    }

    void stream(Account account, ServerRequest req, ServerResponse res) {
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            throw new dev.baas.spi.BaasException(dev.baas.spi.ErrorCode.RATE_LIMITED, "too many live event streams open");
        }
        BlockingQueue<BotEvent> queue = new ArrayBlockingQueue<>(1000);
        boolean[] overflowed = {false};
        Consumer<BotEvent> listener = e -> {
            if (account.key().equals(owner(e.botId())) && !queue.offer(e)) overflowed[0] = true;
        };
        baas.onEvent(listener);
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("baas live events").build());
            while (true) {
                BotEvent e = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (e == null) {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                    continue;
                }
                if (overflowed[0]) {
                    overflowed[0] = false;
                    sink.emit(SseEvent.builder().name("overflow").data("{\"kind\":\"overflow\"}").build());
                }
                sink.emit(SseEvent.builder().name(EventViews.view(e).path("kind").asText()).data(EventViews.view(e).toString()).build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the client went away: nothing to report
        } finally {
            baas.removeListener(listener);
            clients.decrementAndGet();
        }
    }

    private String owner(UUID bot) {
        return owners.computeIfAbsent(bot, id -> bots.find(id).map(b -> b.accountId()).orElse(""));
    }
}
