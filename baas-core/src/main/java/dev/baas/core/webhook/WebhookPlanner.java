package dev.baas.core.webhook;

import dev.baas.core.BotEvent;
import dev.baas.core.store.BotRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Decides which webhooks a bot's events cause: v1's events only, to the bot's {@code webhook_url} or else its
 * account's default, each with a fresh message id and its body fixed now.
 */
public final class WebhookPlanner {
    private final Function<String, Optional<String>> accountWebhookUrl;
    private final BiFunction<UUID, Path, String> links;

    /**
     * @param accountWebhookUrl an account's default webhook URL, if it has one
     * @param links             a download link for a file of a bot, valid long enough for the receiver to fetch it
     */
    public WebhookPlanner(Function<String, Optional<String>> accountWebhookUrl, BiFunction<UUID, Path, String> links) {
        this.accountWebhookUrl = accountWebhookUrl;
        this.links = links;
    }

    public List<Delivery.New> plan(BotRecord bot, List<BotEvent> events) {
        Optional<String> url = bot.config().webhookUrl().or(() -> accountWebhookUrl.apply(bot.accountId()));
        if (url.isEmpty()) return List.of();
        WebhookPayloads.BotContext ctx = new WebhookPayloads.BotContext(bot.config().extra(), bot.eventUuid(),
                p -> links.apply(bot.id(), p));
        List<Delivery.New> out = new ArrayList<>();
        for (BotEvent e : events) {
            WebhookPayloads.eventName(e).ifPresent(name -> out.add(new Delivery.New(bot.accountId(), Optional.of(bot.id()),
                    newMessageId(), name, url.get(), WebhookPayloads.body(e, ctx))));
        }
        return out;
    }

    public static String newMessageId() { return "msg_" + UUID.randomUUID().toString().replace("-", ""); }
}
