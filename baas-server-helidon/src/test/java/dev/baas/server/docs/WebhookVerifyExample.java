package dev.baas.server.docs;

import dev.baas.core.webhook.StandardWebhooks;

import java.time.Instant;
import java.util.Map;

/** The README's webhook check, compiled: what a receiver with baas on its class path writes. */
final class WebhookVerifyExample {
    private WebhookVerifyExample() {}

    static boolean authentic(String secret, Map<String, String> headers, String rawBody) {
        // docs:begin webhook-verify
        boolean authentic = StandardWebhooks.verify(secret, headers.get("webhook-id"), headers.get("webhook-timestamp"),
                headers.get("webhook-signature"), rawBody, Instant.now());
        // docs:end
        return authentic;
    }
}
