package dev.baas.server;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

import java.util.concurrent.CountDownLatch;

/** Starts the baas server: configuration from {@code application.yaml} and the environment (see {@link ServerConfig}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config file = Config.create();
        if (!"text".equalsIgnoreCase(ServerConfig.LOG_FORMAT.value(file.get("baas"), System.getenv()))) {
            // one JSON object per line, with the bot id, for log collectors
            for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
                h.setFormatter(new dev.baas.core.logging.JsonLogFormatter());
            }
        }
        boolean demo = java.util.Arrays.asList(args).contains("--demo");
        ServerConfig config = ServerConfig.load(file, System.getenv());
        if (demo) config = config.withSandbox(true).withWebhookAllowPrivate(true);
        System.out.println("baas config: " + config.describe());
        BaasServer server = BaasServer.start(config);
        System.out.println("baas database: " + server.database().description());
        System.out.println("baas platforms: " + server.baas().platforms().keySet()
                + ", speech-to-text: " + server.baas().speechToTextProviders().keySet());
        server.generatedKey().ifPresent(key -> System.out.println(
                "baas created an account; its API key (shown only now, keep it): " + key));
        System.out.println("baas listening on http://localhost:" + server.port());
        if (demo) Demo.print(server, config.apiKey().or(server::generatedKey));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "baas-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
