package dev.baas.server;

import dev.baas.core.db.Database;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the server runs. Read from Helidon config ({@code application.yaml}, key {@code baas.*}) and overridden by the
 * environment ({@code BAAS_PORT}, {@code BAAS_HOST}, {@code BAAS_DATA_DIR}, {@code BAAS_API_KEY},
 * {@code BAAS_WEBHOOK_ALLOW_PRIVATE}, {@code BAAS_DATABASE_URL}, {@code BAAS_PUBLIC_URL}, {@code BAAS_MAX_BODY_BYTES},
 * {@code BAAS_SECRET_KEY}, {@code BAAS_BROWSER_ARGS}, {@code BAAS_SANDBOX}, {@code BAAS_STORAGE} and {@code BAAS_S3_*},
 * {@code BAAS_SCREENSHOT_INTERVAL_S}, and the calendar variables of {@link CalendarConfig}).
 *
 * @param port               0 picks a free port
 * @param apiKey             an API key the operator chose; its account is created on first start
 * @param webhookAllowPrivate whether webhook URLs may point at loopback or private addresses
 * @param databaseUrl        a JDBC URL; empty means an H2 file under the data directory
 * @param publicUrl          the base of download links; empty means {@code http://localhost:<port>}
 * @param maxBodyBytes       the largest request body accepted
 * @param secretKey          base64 of 32 bytes sealing secrets at rest; empty means a key file in the data directory
 * @param browserArgs        extra Chromium flags (proxies, host resolver rules), space-separated in the environment
 * @param sandbox            whether the look-alike meeting platforms run (demo and tests); while they do, the bots'
 *                           browser reaches them by the real Meet, Teams and Zoom host names
 * @param browser            whether the shared Chromium runtime starts (bots of browser-driven platforms need it)
 * @param calendar           calendar providers' endpoints and sync settings ({@link CalendarConfig})
 * @param storage            where bots' files are kept: {@code BAAS_STORAGE=local} (default) or {@code s3}
 * @param screenshotInterval how often a bot in a call pictures the meeting; zero: only on admission and on request
 */
public record ServerConfig(String host, int port, Path dataDirectory, Optional<String> apiKey, boolean webhookAllowPrivate,
                           Optional<String> databaseUrl, Optional<String> publicUrl, long maxBodyBytes,
                           Optional<String> secretKey, java.util.List<String> browserArgs, boolean sandbox,
                           boolean browser, CalendarConfig calendar, StorageConfig storage,
                           java.time.Duration screenshotInterval) {
    public ServerConfig {
        browserArgs = java.util.List.copyOf(browserArgs);
    }

    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig("0.0.0.0", 8080, dataDirectory, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_MAX_BODY, Optional.empty(), java.util.List.of(), false, false, CalendarConfig.defaults(), new StorageConfig.Local(),
                dev.baas.core.EngineSettings.DEFAULT_SCREENSHOT_INTERVAL);
    }

    public static ServerConfig load(Config config, Map<String, String> env) {
        Config baas = config.get("baas");
        String host = env.getOrDefault("BAAS_HOST", baas.get("host").asString().orElse("0.0.0.0"));
        int port = Integer.parseInt(env.getOrDefault("BAAS_PORT", baas.get("port").asString().orElse("8080")).trim());
        Path data = Path.of(env.getOrDefault("BAAS_DATA_DIR", baas.get("data-dir").asString().orElse("data")));
        Optional<String> key = nonBlank(env.get("BAAS_API_KEY")).or(() -> baas.get("api-key").asString().asOptional());
        boolean allowPrivate = Boolean.parseBoolean(env.getOrDefault("BAAS_WEBHOOK_ALLOW_PRIVATE",
                baas.get("webhook-allow-private").asString().orElse("false")).trim());
        Optional<String> db = nonBlank(env.get("BAAS_DATABASE_URL")).or(() -> baas.get("database-url").asString().asOptional());
        Optional<String> publicUrl = nonBlank(env.get("BAAS_PUBLIC_URL")).or(() -> baas.get("public-url").asString().asOptional());
        long maxBody = Long.parseLong(env.getOrDefault("BAAS_MAX_BODY_BYTES",
                baas.get("max-body-bytes").asString().orElse(Long.toString(DEFAULT_MAX_BODY))).trim());
        Optional<String> secret = nonBlank(env.get("BAAS_SECRET_KEY")).or(() -> baas.get("secret-key").asString().asOptional());
        String args = env.getOrDefault("BAAS_BROWSER_ARGS", baas.get("browser-args").asString().orElse(""));
        boolean sandbox = Boolean.parseBoolean(env.getOrDefault("BAAS_SANDBOX", baas.get("sandbox").asString().orElse("false")).trim());
        return new ServerConfig(host, port, data, key, allowPrivate, db, publicUrl, maxBody, secret,
                args.isBlank() ? java.util.List.of() : java.util.List.of(args.trim().split("\\s+")), sandbox,
                Boolean.parseBoolean(env.getOrDefault("BAAS_BROWSER", baas.get("browser").asString().orElse("true")).trim()),
                CalendarConfig.load(baas, env), StorageConfig.load(baas, env), screenshotInterval(baas, env));
    }

    private static java.time.Duration screenshotInterval(Config baas, Map<String, String> env) {
        String raw = env.getOrDefault("BAAS_SCREENSHOT_INTERVAL_S", baas.get("screenshot-interval-s").asString()
                .orElse(Long.toString(dev.baas.core.EngineSettings.DEFAULT_SCREENSHOT_INTERVAL.toSeconds()))).trim();
        try {
            long seconds = Long.parseLong(raw);
            if (seconds < 0) throw new NumberFormatException();
            return java.time.Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw dev.baas.spi.BaasException.invalid("BAAS_SCREENSHOT_INTERVAL_S", "must be a whole number of seconds, 0 or more");
        }
    }

    private static Optional<String> nonBlank(String s) { return Optional.ofNullable(s).filter(v -> !v.isBlank()); }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, dataDirectory, Optional.of(key), webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, Optional.of(url), publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval);
    }

    public ServerConfig withWebhookAllowPrivate(boolean allow) {
        return new ServerConfig(host, port, dataDirectory, apiKey, allow, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval);
    }

    public ServerConfig withSandbox(boolean on) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, on, browser || on, calendar, storage, screenshotInterval);
    }

    public ServerConfig withBrowserArgs(java.util.List<String> args) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, args, sandbox, browser, calendar, storage, screenshotInterval);
    }

    public ServerConfig withStorage(StorageConfig s) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, s, screenshotInterval);
    }

    public ServerConfig withCalendar(CalendarConfig c) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, c, storage, screenshotInterval);
    }

    /** Every setting, secrets masked: what the server prints when it starts. */
    public String describe() {
        return "host=" + host + " port=" + port + " data-dir=" + dataDirectory.toAbsolutePath()
                + " api-key=" + apiKey.map(ServerConfig::mask).orElse("(none)")
                + " webhook-allow-private=" + webhookAllowPrivate
                + " database=" + databaseUrl.map(Database::masked).orElse("(H2 file in data-dir)")
                + " public-url=" + publicUrl.orElse("(http://localhost:<port>)")
                + " max-body-bytes=" + maxBodyBytes
                + " secret-key=" + secretKey.map(k -> "***").orElse("(key file in data-dir)")
                + " browser-args=" + browserArgs
                + " sandbox=" + sandbox + " browser=" + browser
                + " " + calendar.describe() + " storage=" + storage.describe() + " screenshot-interval-s=" + screenshotInterval.toSeconds();
    }

    static String mask(String secret) {
        return secret.length() <= 8 ? "***" : secret.substring(0, 4) + "***";
    }

    @Override public String toString() { return "ServerConfig[" + describe() + "]"; }
}
