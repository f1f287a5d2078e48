package dev.baas.core.calendar;

import dev.baas.core.IdGenerator;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.TokenGrant;
import dev.baas.spi.calendar.ZoomAuthorization;
import dev.baas.spi.calendar.ZoomUser;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users' Zoom authorizations. Zoom invalidates a refresh token when it issues the next one, so each connection's
 * refreshes run one at a time and the new token is stored before the access token is handed out.
 */
public final class ZoomConnections {
    private final ZoomAuthorization zoom;
    private final CalendarStore store;
    private final TokenCipher cipher;
    private final Clock clock;
    private final IdGenerator ids;
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    public ZoomConnections(ZoomAuthorization zoom, CalendarStore store, TokenCipher cipher, Clock clock, IdGenerator ids) {
        this.zoom = zoom;
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.ids = ids;
    }

    /** Exchanges the user's authorization code and stores the connection under the Zoom user it belongs to. */
    public ZoomConnection create(String accountId, String authorizationCode, String redirectUri, OAuthClient client) {
        TokenGrant grant = zoom.exchange(client, authorizationCode, redirectUri);
        String refresh = grant.refreshToken().orElseThrow(() -> new BaasException(ErrorCode.PROVIDER_ERROR,
                "Zoom granted no refresh token (a Server-to-Server app cannot be connected per user)"));
        ZoomUser user = zoom.me(grant.accessToken());
        Instant now = clock.instant();
        ZoomConnection c = new ZoomConnection(ids.next(), accountId, user.id(), user.accountId(), grant.scope(), client.clientId(),
                cipher.seal(client.clientSecret()), cipher.seal(refresh), ZoomConnection.State.CONNECTED, Optional.empty(), now, now);
        store.saveZoom(c);
        return c;
    }

    public List<ZoomConnection> list(String accountId) { return store.zoomConnections(accountId); }

    public ZoomConnection get(String accountId, UUID uuid) {
        return store.findZoom(uuid).filter(z -> z.accountId().equals(accountId))
                .orElseThrow(() -> new BaasException(ErrorCode.NOT_FOUND, "zoom oauth connection " + uuid + " not found"));
    }

    public void delete(String accountId, UUID uuid) {
        get(accountId, uuid);
        store.deleteZoom(uuid);
    }

    /** The account's connection for a Zoom user, as named by a bot's {@code zoom_obf_token_user_id}. */
    public Optional<ZoomConnection> forZoomUser(String accountId, String zoomUserId) {
        return store.zoomConnections(accountId).stream().filter(z -> z.zoomUserId().equals(zoomUserId)).findFirst();
    }

    /**
     * A fresh access token for the connection. A refused refresh marks it {@code refresh_failed} with the reason, and
     * fails with {@code UNAUTHORIZED}: the user must authorize again.
     */
    public String accessToken(String accountId, UUID uuid) {
        synchronized (locks.computeIfAbsent(uuid, k -> new Object())) {
            ZoomConnection c = get(accountId, uuid);
            if (c.state() == ZoomConnection.State.REFRESH_FAILED) {
                throw new BaasException(ErrorCode.UNAUTHORIZED, "zoom oauth connection " + uuid + " needs a new authorization: "
                        + c.failure().orElse("refresh failed"));
            }
            OAuthClient client = new OAuthClient(c.clientId(), cipher.open(c.clientSecretSealed()));
            try {
                TokenGrant g = zoom.refresh(client, cipher.open(c.refreshTokenSealed()));
                store.saveZoom(new ZoomConnection(c.uuid(), c.accountId(), c.zoomUserId(), c.zoomAccountId(), g.scope().or(c::scopes),
                        c.clientId(), c.clientSecretSealed(), g.refreshToken().map(cipher::seal).orElse(c.refreshTokenSealed()),
                        ZoomConnection.State.CONNECTED, Optional.empty(), c.createdAt(), clock.instant()));
                return g.accessToken();
            } catch (BaasException e) {
                if (e.code() == ErrorCode.UNAUTHORIZED) {
                    store.saveZoom(new ZoomConnection(c.uuid(), c.accountId(), c.zoomUserId(), c.zoomAccountId(), c.scopes(),
                            c.clientId(), c.clientSecretSealed(), c.refreshTokenSealed(), ZoomConnection.State.REFRESH_FAILED,
                            Optional.of(e.getMessage()), c.createdAt(), clock.instant()));
                }
                throw e;
            }
        }
    }
}
