package dev.baas.core.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.FakeTime;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.TokenGrant;
import dev.baas.spi.calendar.ZoomAuthorization;
import dev.baas.spi.calendar.ZoomUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZoomConnectionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Zoom's rules, kept by hand: single-use codes, and each refresh token good for exactly one refresh. */
    static final class RotatingZoom implements ZoomAuthorization {
        final Set<String> validRefresh = new java.util.HashSet<>();
        final List<String> refreshedWith = new ArrayList<>();
        int issued;

        @Override public ZoomAuthorization configured(Map<String, String> settings) { return this; }

        @Override
        public TokenGrant exchange(OAuthClient client, String code, String redirectUri) {
            if (!code.equals("code-1")) throw new BaasException(ErrorCode.UNAUTHORIZED, "Zoom refresh token is expired or revoked (invalid_grant: Invalid authorization code)");
            return grant();
        }

        @Override
        public TokenGrant refresh(OAuthClient client, String refreshToken) {
            refreshedWith.add(refreshToken);
            if (!validRefresh.remove(refreshToken)) throw new BaasException(ErrorCode.UNAUTHORIZED, "Zoom refresh token is expired or revoked (invalid_grant)");
            return grant();
        }

        private TokenGrant grant() {
            String rt = "zr" + (++issued);
            validRefresh.add(rt);
            return new TokenGrant("za" + issued, Duration.ofHours(1), Optional.of(rt), Optional.of("user:read:user"));
        }

        @Override public ZoomUser me(String accessToken) { return new ZoomUser("zoom-user-7", Optional.of("zacc"), Optional.empty()); }
    }

    @Test
    void connectionsFollowV1AndSurviveRotation() throws Exception {
        RotatingZoom zoom = new RotatingZoom();
        InMemoryCalendarStore store = new InMemoryCalendarStore();
        FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
        ZoomConnections connections = new ZoomConnections(zoom, store, new TokenCipher(new byte[16]), time, UUID::randomUUID);
        ZoomConnectionOperations ops = new ZoomConnectionOperations(connections);

        ObjectNode body = JSON.createObjectNode().put("authorization_code", "code-1").put("redirect_uri", "https://app.example/cb")
                .put("zoom_client_id", "zc").put("zoom_client_secret", "zs");
        JsonNode created = ops.create("acct", body);
        String uuid = created.path("uuid").asText();
        assertEquals("zoom-user-7", created.path("zoom_user_id").asText());
        assertEquals("connected", created.path("state").asText());
        assertEquals("user:read:user", created.path("scopes").asText());
        assertEquals("zacc", created.path("zoom_account_id").asText());
        assertFalse(created.has("connection_failure_data"));
        assertEquals("2026-11-25T10:00:00.000Z", created.path("created_at").asText());

        time.advance(Duration.ofHours(2));
        assertEquals("za2", connections.accessToken("acct", UUID.fromString(uuid)));
        assertEquals("za3", connections.accessToken("acct", UUID.fromString(uuid)));
        assertEquals(List.of("zr1", "zr2"), zoom.refreshedWith, "each refresh uses the token the previous one returned");
        assertEquals("2026-11-25T12:00:00.000Z", ops.get("acct", uuid).path("updated_at").asText());

        zoom.validRefresh.clear(); // the user removed the app in Zoom
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(BaasException.class,
                () -> connections.accessToken("acct", UUID.fromString(uuid))).code());
        JsonNode failed = ops.get("acct", uuid);
        assertEquals("refresh_failed", failed.path("state").asText());
        assertTrue(failed.path("connection_failure_data").path("message").asText().contains("invalid_grant"));

        assertEquals(1, ops.list("acct").size());
        assertEquals(0, ops.list("other").size());
        assertEquals("zoom_client_secret", assertThrows(BaasException.class,
                () -> ops.create("acct", (ObjectNode) body.deepCopy().without("zoom_client_secret"))).violations().getFirst().field());
        ops.delete("acct", uuid);
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(BaasException.class, () -> ops.get("acct", uuid)).code());
    }

    @Test
    void tokenCipherSealsWithAFreshNonceAndRefusesAnotherKey() {
        TokenCipher a = TokenCipher.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        String one = a.seal("refresh-token"), two = a.seal("refresh-token");
        assertFalse(one.equals(two));
        assertFalse(one.contains("refresh-token"));
        assertEquals("refresh-token", a.open(two));
        TokenCipher b = new TokenCipher(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertEquals(ErrorCode.INTERNAL, assertThrows(BaasException.class, () -> b.open(one)).code());
        assertEquals("calendar.token_key", assertThrows(BaasException.class, () -> new TokenCipher(new byte[7])).violations().getFirst().field());
    }
}
