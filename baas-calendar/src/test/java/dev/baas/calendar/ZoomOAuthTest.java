package dev.baas.calendar;

import dev.baas.calendar.zoom.ZoomOAuth;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.TokenGrant;
import dev.baas.spi.calendar.ZoomAuthorization;
import dev.baas.spi.calendar.ZoomUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ZoomOAuthTest {
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("zc:zs".getBytes(StandardCharsets.UTF_8));
    FakeApi api;

    FakeApi.Answer route(FakeApi.Request r) {
        if (r.path().equals("/oauth/token")) {
            if (!BASIC.equals(r.authorization())) return FakeApi.Answer.of(401, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");
            if (r.form().get("grant_type").equals("authorization_code")) {
                if (!r.form().get("code").equals("code-1") || !r.form().get("redirect_uri").equals("https://app.example/cb"))
                    return FakeApi.Answer.of(400, "{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}");
                return FakeApi.Answer.json("{\"access_token\":\"za\",\"token_type\":\"bearer\",\"refresh_token\":\"zr1\",\"expires_in\":3600,\"scope\":\"user:read:user\"}");
            }
            if (r.form().get("refresh_token").equals("zr1"))
                return FakeApi.Answer.json("{\"access_token\":\"za2\",\"token_type\":\"bearer\",\"refresh_token\":\"zr2\",\"expires_in\":3600}");
            return FakeApi.Answer.of(400, "{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}");
        }
        if (r.path().equals("/v2/users/me") && "Bearer za".equals(r.authorization()))
            return FakeApi.Answer.json("{\"id\":\"KdYKjnimT4KPd8FFgQt9FQ\",\"account_id\":\"acc-9\",\"email\":\"u@example.com\"}");
        return FakeApi.Answer.of(401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
    }

    ZoomAuthorization zoom() throws IOException {
        api = new FakeApi(this::route);
        return new ZoomOAuth(api.uri("/oauth/token"), api.uri("/v2"), api.policy(), ApiClient.defaultHttp());
    }

    @AfterEach void stop() { if (api != null) api.close(); }

    @Test
    void exchangesTheCodeRotatesRefreshTokensAndNamesTheUser() throws IOException {
        ZoomAuthorization z = zoom();
        OAuthClient client = new OAuthClient("zc", "zs");
        TokenGrant g = z.exchange(client, "code-1", "https://app.example/cb");
        assertEquals(Optional.of("zr1"), g.refreshToken());
        assertEquals(Optional.of("user:read:user"), g.scope());
        ZoomUser me = z.me(g.accessToken());
        assertEquals("KdYKjnimT4KPd8FFgQt9FQ", me.id());
        assertEquals(Optional.of("acc-9"), me.accountId());
        assertEquals(Optional.of("zr2"), z.refresh(client, "zr1").refreshToken());
        BaasException reused = assertThrows(BaasException.class, () -> z.refresh(client, "zr1-old"));
        assertEquals(ErrorCode.UNAUTHORIZED, reused.code());
    }

    @Test
    void wrongCodeOrClientIsUnauthorized() throws IOException {
        ZoomAuthorization z = zoom();
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(BaasException.class,
                () -> z.exchange(new OAuthClient("zc", "zs"), "used", "https://app.example/cb")).code());
        BaasException e = assertThrows(BaasException.class, () -> z.exchange(new OAuthClient("zc", "bad"), "code-1", "https://app.example/cb"));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(true, e.getMessage().contains("invalid_client"), e.getMessage());
    }
}
