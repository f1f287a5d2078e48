package dev.baas.core;

import dev.baas.spi.BotConfig;

import java.nio.file.Path;
import java.util.UUID;

/** The embedding example of the README, compiled with the tests; {@link ReadmeTest} keeps the two the same. */
final class ReadmeEmbeddingExample {
    private ReadmeEmbeddingExample() {}

    static void example() throws InterruptedException {
        // README:begin
        try (Baas baas = Baas.builder()
                .discoverPlugins()                      // platforms and speech-to-text on the class path
                .dataDirectory(Path.of("data"))         // where recordings go
                .build()) {
            baas.onEvent(event -> System.out.println(event));   // status changes, complete, failed, ...
            UUID bot = baas.join(BotConfig.builder("https://meet.google.com/abc-defg-hij", "Notetaker")
                    .entryMessage("Hi, I am taking notes")
                    .build());
            Thread.sleep(60_000);                       // let it record for a minute
            baas.leave(bot);
        }
        // README:end
    }
}
