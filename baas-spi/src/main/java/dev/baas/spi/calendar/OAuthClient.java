package dev.baas.spi.calendar;

import java.util.Objects;

/** The operator's or user's OAuth application: what a provider's token endpoint asks for besides the grant. */
public record OAuthClient(String clientId, String clientSecret) {
    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override public String toString() { return "OAuthClient[clientId=" + clientId + "]"; }
}
