package dev.baas.spi.calendar;

import java.util.Optional;

/** The Zoom user who granted access: {@code id} is what bots pass as {@code zoom_obf_token_user_id}. */
public record ZoomUser(String id, Optional<String> accountId, Optional<String> email) {
    public ZoomUser {
        accountId = accountId == null ? Optional.empty() : accountId;
        email = email == null ? Optional.empty() : email;
    }
}
