package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Violation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one mapping from {@link ErrorCode} to an HTTP status and a JSON body
 * {@code {"error": message, "code": name, "field": first field at fault | null, "details": [{"field", "reason"}]}}.
 */
final class ApiErrors {
    private ApiErrors() {}

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, INVALID_MEETING_URL -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case NOT_IMPLEMENTED -> 501;
            case PROVIDER_ERROR -> 502;
            case UNAVAILABLE -> 503;
            case PLUGIN_CONFLICT, INTERNAL -> 500;
        };
    }

    /** The {@code code} of the body: the v1 style name ({@code InvalidMeetingUrl}) of the error code. */
    static String name(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> "InvalidRequest";
            case INVALID_MEETING_URL -> "InvalidMeetingUrl";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "NotFound";
            case CONFLICT -> "Conflict";
            case PAYLOAD_TOO_LARGE -> "PayloadTooLarge";
            case RATE_LIMITED -> "RateLimited";
            case NOT_IMPLEMENTED -> "NotImplemented";
            case UNAVAILABLE -> "Unavailable";
            case PLUGIN_CONFLICT -> "PluginConflict";
            case PROVIDER_ERROR -> "ProviderError";
            case INTERNAL -> "InternalError";
        };
    }

    static ObjectNode body(BaasException e) {
        ObjectNode n = Json.object().put("error", e.getMessage()).put("code", name(e.code()));
        if (e.violations().isEmpty()) n.putNull("field");
        else n.put("field", e.violations().getFirst().field());
        ArrayNode details = n.putArray("details");
        for (Violation v : e.violations()) details.addObject().put("field", v.field()).put("reason", v.reason());
        return n;
    }

    static void send(ServerResponse res, BaasException e) {
        if (e instanceof RateLimit.Exceeded limited) res.header(HeaderNames.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        Json.send(res, status(e.code()), body(e));
    }

    static BaasException notFound(String what) { return new BaasException(ErrorCode.NOT_FOUND, what + " not found"); }
}
