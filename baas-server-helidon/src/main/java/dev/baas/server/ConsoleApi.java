package dev.baas.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.core.webhook.Attempt;
import dev.baas.core.webhook.Delivery;
import dev.baas.core.webhook.JooqOutboxStore;
import dev.baas.core.webhook.WebhookDispatcher;
import dev.baas.core.store.Account;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.spi.BaasException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * This server's own routes beyond v1: the webhook delivery log with re-send, and API keys. Documented in
 * {@code /openapi.json} like the rest.
 */
final class ConsoleApi {
    private final JooqOutboxStore outbox;
    private final WebhookDispatcher dispatcher;
    private final JooqAccountStore accounts;
    private final Clock clock;
    private final long maxBody;

    ConsoleApi(JooqOutboxStore outbox, WebhookDispatcher dispatcher, JooqAccountStore accounts, Clock clock, long maxBody) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.accounts = accounts;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    /** {@code GET /webhooks/deliveries?bot_id=&limit=&before=}: newest first (oldest first for one bot). */
    void deliveries(Account account, ServerRequest req, ServerResponse res) {
        Optional<String> botParam = req.query().first("bot_id").asOptional().filter(s -> !s.isEmpty());
        List<Delivery> list;
        if (botParam.isPresent()) {
            UUID bot = BotApi.parseUuid(botParam.get()).orElseThrow(() -> BaasException.invalid("bot_id", "must be a UUID"));
            list = outbox.forBot(account.key(), bot);
        } else {
            int limit = intParam(req, "limit", 50, 1, 500);
            long before = req.query().first("before").asOptional().map(ConsoleApi::parseLong).orElse(Long.MAX_VALUE);
            list = outbox.list(account.key(), before, limit);
        }
        ObjectNode out = Json.object();
        var arr = out.putArray("deliveries");
        list.forEach(d -> arr.add(view(d, false)));
        Json.ok(res, out);
    }

    /** {@code GET /webhooks/deliveries/{id}}: one delivery, its body and every attempt. */
    void delivery(Account account, ServerRequest req, ServerResponse res) {
        Json.ok(res, view(owned(account, req), true));
    }

    /** {@code POST /webhooks/deliveries/{id}/resend}: delivers it again, with the same message id. */
    void resend(Account account, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        Delivery d = owned(account, req);
        outbox.resend(d.id(), clock.instant());
        dispatcher.wake();
        Json.ok(res, Json.object().put("ok", true).put("id", d.id()));
    }

    /** {@code GET /api_keys}: the account's keys, by prefix. */
    void keys(Account account, ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.object();
        var arr = out.putArray("keys");
        accounts.keys(account.id()).forEach(k -> {
            ObjectNode n = arr.addObject().put("id", k.id()).put("prefix", k.prefix()).put("created_at", Baas.iso(k.createdAt()));
            if (k.revokedAt().isPresent()) n.put("revoked_at", Baas.iso(k.revokedAt().get()));
            else n.putNull("revoked_at");
        });
        Json.ok(res, out);
    }

    /** {@code POST /api_keys}: a new key for the account, shown this once. */
    void createKey(Account account, ServerRequest req, ServerResponse res) {
        Json.discardBody(req, maxBody);
        String key = accounts.issueKey(account.id());
        Json.send(res, 201, Json.object().put("api_key", key).put("prefix", key.substring(0, 8)));
    }

    private Delivery owned(Account account, ServerRequest req) {
        long id = parseLong(req.path().pathParameters().get("id"));
        return outbox.find(id).filter(d -> d.accountId().equals(account.key()))
                .orElseThrow(() -> ApiErrors.notFound("webhook delivery " + id));
    }

    private ObjectNode view(Delivery d, boolean full) {
        ObjectNode n = Json.object().put("id", d.id()).put("webhook_id", d.webhookId()).put("event", d.eventName())
                .put("url", d.url()).put("state", d.state().name().toLowerCase(Locale.ROOT)).put("attempts", d.attempts())
                .put("created_at", Baas.iso(d.createdAt())).put("next_attempt_at", Baas.iso(d.nextAttemptAt()));
        if (d.botId().isPresent()) n.put("bot_id", d.botId().get().toString());
        else n.putNull("bot_id");
        List<Attempt> attempts = outbox.attempts(d.id());
        if (!attempts.isEmpty()) {
            Attempt last = attempts.getLast();
            if (last.status().isPresent()) n.put("last_status", last.status().getAsInt());
            last.error().ifPresent(e -> n.put("last_error", e));
        }
        if (full) {
            n.put("body", d.body());
            var arr = n.putArray("attempt_log");
            for (Attempt a : attempts) {
                ObjectNode x = arr.addObject().put("at", Baas.iso(a.at())).put("latency_ms", a.latency().toMillis());
                if (a.status().isPresent()) x.put("status", a.status().getAsInt());
                a.error().ifPresent(e -> x.put("error", e));
            }
        }
        return n;
    }

    private static long parseLong(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiErrors.notFound("webhook delivery");
        }
    }

    private static int intParam(ServerRequest req, String name, int otherwise, int min, int max) {
        Optional<String> raw = req.query().first(name).asOptional().filter(s -> !s.isEmpty());
        if (raw.isEmpty()) return otherwise;
        try {
            int v = Integer.parseInt(raw.get());
            if (v < min || v > max) throw BaasException.invalid(name, "must be between " + min + " and " + max);
            return v;
        } catch (NumberFormatException e) {
            throw BaasException.invalid(name, "must be a whole number");
        }
    }
}
