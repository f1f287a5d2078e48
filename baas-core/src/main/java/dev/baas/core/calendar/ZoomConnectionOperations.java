package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.Baas;
import dev.baas.spi.BaasException;
import dev.baas.spi.Violation;
import dev.baas.spi.calendar.OAuthClient;

import java.util.ArrayList;
import java.util.List;

/** v1's Zoom OAuth connection operations (#23–#26) returning {@code ZoomOAuthConnectionResponse} trees. */
public final class ZoomConnectionOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ZoomConnections connections;

    public ZoomConnectionOperations(ZoomConnections connections) { this.connections = connections; }

    /** {@code GET /zoom_oauth_connections/}. */
    public ArrayNode list(String accountId) {
        ArrayNode out = NODES.arrayNode();
        connections.list(accountId).forEach(c -> out.add(response(c)));
        return out;
    }

    /** {@code POST /zoom_oauth_connections/} (201): body {@code {authorization_code, redirect_uri, zoom_client_id, zoom_client_secret}}. */
    public ObjectNode create(String accountId, JsonNode body) {
        if (body == null || !body.isObject()) throw BaasException.invalid("body", "must be a JSON object");
        List<Violation> v = new ArrayList<>();
        for (String f : List.of("authorization_code", "redirect_uri", "zoom_client_id", "zoom_client_secret")) {
            if (!body.path(f).isTextual() || body.path(f).asText().isBlank()) v.add(new Violation(f, "is required"));
        }
        if (!v.isEmpty()) throw BaasException.invalid(v);
        return response(connections.create(accountId, body.get("authorization_code").asText(), body.get("redirect_uri").asText(),
                new OAuthClient(body.get("zoom_client_id").asText(), body.get("zoom_client_secret").asText())));
    }

    /** {@code GET /zoom_oauth_connections/{uuid}}. */
    public ObjectNode get(String accountId, String uuid) {
        return response(connections.get(accountId, CalendarOperations.uuid(uuid, "uuid")));
    }

    /** {@code DELETE /zoom_oauth_connections/{uuid}} (204). */
    public void delete(String accountId, String uuid) { connections.delete(accountId, CalendarOperations.uuid(uuid, "uuid")); }

    static ObjectNode response(ZoomConnection c) {
        ObjectNode o = NODES.objectNode();
        o.put("uuid", c.uuid().toString());
        o.put("zoom_user_id", c.zoomUserId());
        o.put("state", c.state().wireName());
        o.put("created_at", Baas.iso(c.createdAt()));
        o.put("updated_at", Baas.iso(c.updatedAt()));
        if (c.scopes().isPresent()) o.put("scopes", c.scopes().get());
        else o.putNull("scopes");
        if (c.zoomAccountId().isPresent()) o.put("zoom_account_id", c.zoomAccountId().get());
        else o.putNull("zoom_account_id");
        if (c.state() == ZoomConnection.State.REFRESH_FAILED) {
            o.putObject("connection_failure_data").put("message", c.failure().orElse("refresh failed"));
        }
        return o;
    }
}
