package dev.baas.core.store;

import java.util.List;
import java.util.Optional;

/** One page of a bot listing and the cursor of the next page, if there is one. */
public record BotPage(List<StoredBot> bots, Optional<String> nextCursor) {
    public BotPage {
        bots = List.copyOf(bots);
    }
}
