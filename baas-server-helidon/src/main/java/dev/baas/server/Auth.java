package dev.baas.server;

import dev.baas.core.store.Account;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** Finds the account of a request by its API key header ({@code x-meeting-baas-api-key} or {@code x-spoke-api-key}). */
final class Auth {
    static final HeaderName MEETING_BAAS_KEY = HeaderNames.create("x-meeting-baas-api-key");
    static final HeaderName SPOKE_KEY = HeaderNames.create("x-spoke-api-key");

    private final JooqAccountStore accounts;

    Auth(JooqAccountStore accounts) { this.accounts = accounts; }

    Account require(ServerRequest req) {
        Optional<String> key = req.headers().first(MEETING_BAAS_KEY).or(() -> req.headers().first(SPOKE_KEY));
        if (key.isEmpty() || key.get().isBlank()) {
            throw new BaasException(ErrorCode.UNAUTHORIZED, "an API key is required in the x-meeting-baas-api-key header");
        }
        return accounts.byKey(key.get().trim())
                .orElseThrow(() -> new BaasException(ErrorCode.UNAUTHORIZED, "the API key is not valid"));
    }
}
