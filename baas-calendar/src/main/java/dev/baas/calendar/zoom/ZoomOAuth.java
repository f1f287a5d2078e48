package dev.baas.calendar.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.calendar.ApiClient;
import dev.baas.calendar.EventJson;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.calendar.OAuthClient;
import dev.baas.spi.calendar.TokenGrant;
import dev.baas.spi.calendar.ZoomAuthorization;
import dev.baas.spi.calendar.ZoomUser;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Zoom user-level OAuth: authorization-code exchange, rotating refresh, and who the user is. */
public final class ZoomOAuth implements ZoomAuthorization {
    static final URI TOKEN_URL = URI.create("https://zoom.us/oauth/token");
    static final URI API_URL = URI.create("https://api.zoom.us/v2");
    private static final Set<String> SETTINGS = Set.of("token_url", "api_url", "max_attempts", "backoff_ms", "max_wait_ms");

    private final URI tokenUrl;
    private final URI apiUrl;
    private final ApiClient.Policy policy;
    private final HttpClient http;
    private final ApiClient api;

    public ZoomOAuth() { this(TOKEN_URL, API_URL, ApiClient.Policy.defaults(), ApiClient.defaultHttp()); }

    public ZoomOAuth(URI tokenUrl, URI apiUrl, ApiClient.Policy policy, HttpClient http) {
        this.tokenUrl = tokenUrl;
        this.apiUrl = apiUrl;
        this.policy = policy;
        this.http = http;
        this.api = new ApiClient("Zoom", http, policy, r -> false);
    }

    @Override
    public ZoomAuthorization configured(Map<String, String> settings) {
        Map<String, String> s = ApiClient.checkKeys("Zoom", settings, SETTINGS);
        return new ZoomOAuth(ApiClient.uri(s, "token_url", tokenUrl), ApiClient.uri(s, "api_url", apiUrl), policy.with(s), http);
    }

    @Override
    public TokenGrant exchange(OAuthClient client, String authorizationCode, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", authorizationCode);
        form.put("redirect_uri", redirectUri);
        return token(client, form, "authorization code exchange");
    }

    @Override
    public TokenGrant refresh(OAuthClient client, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return token(client, form, "token refresh");
    }

    private TokenGrant token(OAuthClient client, Map<String, String> form, String what) {
        String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
        JsonNode t = ApiClient.tokenAnswer("Zoom", api.send(ApiClient.postForm(tokenUrl, form)
                .header("Authorization", "Basic " + basic).build(), what));
        return new TokenGrant(t.get("access_token").asText(), Duration.ofSeconds(t.path("expires_in").asLong(3600)),
                EventJson.text(t, "refresh_token"), EventJson.text(t, "scope"));
    }

    @Override
    public ZoomUser me(String accessToken) {
        ApiClient.Response r = api.send(ApiClient.get(ApiClient.resolve(apiUrl, "/users/me"), accessToken).build(), "user lookup");
        JsonNode u = r.json();
        if (!r.ok() || !u.hasNonNull("id")) {
            throw new BaasException(r.status() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.PROVIDER_ERROR,
                    "Zoom user lookup failed: HTTP " + r.status() + " " + u.path("message").asText(""));
        }
        return new ZoomUser(u.get("id").asText(), EventJson.text(u, "account_id"), EventJson.text(u, "email"));
    }
}
