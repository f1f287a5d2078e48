package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.store.Account;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Violation;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.helidon.http.Method.DELETE;
import static io.helidon.http.Method.GET;
import static io.helidon.http.Method.PATCH;
import static io.helidon.http.Method.POST;

/**
 * Every route of the server, in one list: v1 operations (implemented, or answering 501 for now), this server's
 * own ({@code /health}, {@code /health/ready}, {@code /openapi.json}, {@code /artifacts/...}, {@code /accounts/webhook_url}), and how errors
 * become JSON. The same list produces {@code /openapi.json}.
 */
final class ApiRoutes {
    private static final System.Logger LOG = System.getLogger(ApiRoutes.class.getName());

    /** A handler that runs for an authenticated account. */
    @FunctionalInterface
    interface AccountHandler {
        void handle(Account account, ServerRequest req, ServerResponse res);
    }

    record Route(Operation operation, AccountHandler handler) {}

    private final Auth auth;
    private final JooqAccountStore accounts;
    private final WebhookUrls webhooks;
    private final long maxBody;
    private final List<Route> routes = new ArrayList<>();
    private final List<Operation> openRoutes = new ArrayList<>();

    ApiRoutes(Auth auth, JooqAccountStore accounts, WebhookUrls webhooks, BotApi bots, long maxBody) {
        this.auth = auth;
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.maxBody = maxBody;
        // specific paths before templated ones: the first matching route wins
        v1(POST, "/bots/", "join", "Send a bot to a meeting", bots::join);
        v1(GET, "/bots/bots_with_metadata", "bots_with_metadata", "List the account's bots, newest first, by pages", bots::list);
        v1(GET, "/bots/meeting_data", "get_meeting_data", "A bot's recording links, details and transcript", bots::meetingData);
        routes.add(new Route(Operation.v1(POST, "/bots/retranscribe", "retranscribe_bot", "Transcribe a finished bot again").status(202),
                bots::retranscribe));
        v1(GET, "/bots/webhooks", "webhook_documentation", "The webhooks the server sends",
                (a, req, res) -> Json.ok(res, WebhookDocs.all()));
        v1(GET, "/bots/webhooks/bot", "bot_webhook_documentation", "The bot webhooks",
                (a, req, res) -> Json.ok(res, WebhookDocs.bot()));
        v1(GET, "/bots/webhooks/calendar", "calendar_webhook_documentation", "The calendar webhooks",
                (a, req, res) -> Json.ok(res, WebhookDocs.calendar()));
        v1(GET, "/bots/{uuid}/screenshots", "get_screenshots", "Screenshots the bot took", bots::screenshots);
        own(POST, "/bots/{uuid}/screenshots", "take_screenshot", "The bot takes a screenshot of its meeting now", bots::takeScreenshot);
        v1(POST, "/bots/{uuid}/delete_data", "delete_data", "Delete a finished bot's recording and transcript", bots::deleteData);
        v1(DELETE, "/bots/{uuid}", "leave", "Make the bot leave its meeting", bots::leave);
        own(GET, "/bots/{uuid}", "get_bot", "A bot, its status, details and progress (beyond v1)", bots::get);
        v1(GET, "/accounts/webhook_url", "get_account_webhook_url", "The account's default webhook URL",
                (a, req, res) -> Json.ok(res, webhookBody(a.webhookUrl())));
        v1(POST, "/accounts/webhook_url", "set_account_webhook_url", "Set or clear the account's default webhook URL",
                this::setWebhookUrl);
        openRoutes.add(Operation.open(GET, "/health", "health", "Liveness: 200 while the process serves"));
        openRoutes.add(Operation.open(GET, "/openapi.json", "openapi", "This document"));
        openRoutes.add(Operation.open(GET, "/artifacts/{botId}/{name}", "download_artifact",
                "Download a recording file through a signed, expiring link (query: expires, signature)"));
    }

    record OpenRoute(Operation operation, Handler handler) {}

    private final List<OpenRoute> openHandlers = new ArrayList<>();

    /** Adds one of this server's own authenticated routes (beyond v1). */
    ApiRoutes own(Method m, String path, String id, String summary, AccountHandler h) {
        routes.add(new Route(Operation.own(m, path, id, summary), h));
        return this;
    }

    /** Adds a route that needs no API key (metrics, the dashboard's files). */
    ApiRoutes open(Method m, String path, String id, String summary, Handler h) {
        Operation op = Operation.open(m, path, id, summary);
        openRoutes.add(op);
        openHandlers.add(new OpenRoute(op, h));
        return this;
    }

    /** Adds an operation of the Meeting BaaS v1 API. */
    ApiRoutes v1(Method m, String path, String id, String summary, AccountHandler h) {
        routes.add(new Route(Operation.v1(m, path, id, summary), h));
        return this;
    }

    private void later(Method m, String path, String id, String summary) {
        routes.add(new Route(Operation.later(m, path, id, summary), (a, req, res) -> {
            throw new BaasException(ErrorCode.NOT_IMPLEMENTED, id + " is not implemented by this server yet");
        }));
    }

    /** Every operation served, for {@code /openapi.json}. */
    List<Operation> operations() {
        List<Operation> all = new ArrayList<>(routes.stream().map(Route::operation).toList());
        all.addAll(openRoutes);
        return all;
    }

    void register(HttpRouting.Builder r, Artifacts artifacts) {
        for (Route route : routes) {
            Handler h = (req, res) -> route.handler().handle(auth.require(req), req, res);
            for (String path : forms(route.operation().path())) r.route(route.operation().method(), path, h);
        }
        JsonNode openApiDoc = OpenApi.document(operations());
        r.get("/health", (req, res) -> Json.ok(res, Json.object().put("status", "UP")));
        r.get("/openapi.json", (req, res) -> Json.ok(res, openApiDoc));
        r.get("/artifacts/{botId}/{name}", artifacts::download);
        for (OpenRoute o : openHandlers) {
            for (String path : o.operation().path().equals("/") ? List.of("/") : forms(o.operation().path())) {
                r.route(o.operation().method(), path, o.handler());
            }
        }
        r.any((req, res) -> {
            throw new BaasException(ErrorCode.NOT_FOUND, "no route for " + req.prologue().method().text() + " "
                    + clip(req.path().path()));
        });
        r.error(BaasException.class, (req, res, e) -> ApiErrors.send(res, e));
        r.error(HttpException.class, (req, res, e) -> {
            int status = e.status().code();
            ErrorCode code = status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status == 404 ? ErrorCode.NOT_FOUND
                    : status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL;
            if (code == ErrorCode.INTERNAL) LOG.log(System.Logger.Level.ERROR, "request failed", e);
            ApiErrors.send(res, new BaasException(code, code == ErrorCode.INTERNAL ? "internal error" : "bad request: " + clip(e.getMessage())));
        });
        r.error(Exception.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.ERROR, "request " + req.prologue().method().text() + " " + req.path().path() + " failed", e);
            ApiErrors.send(res, new BaasException(ErrorCode.INTERNAL, "internal error"));
        });
    }

    /** A path and its twin with (or without) the trailing slash. */
    static List<String> forms(String path) {
        return path.endsWith("/") ? List.of(path, path.substring(0, path.length() - 1)) : List.of(path, path + "/");
    }

    private void setWebhookUrl(Account account, ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.readObject(req, maxBody);
        List<Violation> v = new ArrayList<>();
        Schema s = new Schema(v);
        s.closed(body, "", Set.of("webhook_url"));
        s.string(body, "", "webhook_url", false, BotConfig.MAX_URL);
        Optional<String> url = Optional.ofNullable(body.get("webhook_url")).filter(JsonNode::isTextual).map(JsonNode::asText);
        if (v.isEmpty() && url.isPresent()) {
            if (!BotConfig.isAbsoluteHttpUri(url.get())) v.add(new Violation("webhook_url", "must be an absolute http(s) URL"));
            else webhooks.check("webhook_url", url.get(), v);
        }
        if (!v.isEmpty()) throw BaasException.invalid(v);
        accounts.setWebhookUrl(account.id(), url);
        auth.forget(account.id());
        Json.ok(res, webhookBody(url));
    }

    private static ObjectNode webhookBody(Optional<String> url) {
        ObjectNode n = Json.object();
        if (url.isPresent()) n.put("webhook_url", url.get());
        else n.putNull("webhook_url");
        return n;
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
