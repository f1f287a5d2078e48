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
 * {@code BAAS_SCREENSHOT_INTERVAL_S}, {@code BAAS_RATE_LIMIT_PER_MINUTE}, {@code BAAS_RATE_LIMIT_BURST}, {@code BAAS_AUTH_CACHE_MS}, and the calendar variables of {@link CalendarConfig}).
 *
 * @param port               0 picks a free port
 * @param apiKey             an API key the operator chose; its account is created on first start
 * @param webhookAllowPrivate whether webhook URLs may point at loopback or private addresses
 * @param databaseUrl        a JDBC URL; empty means an H2 file under the data directory
 * @param publicUrl          the base of download links; empty means {@code http://localhost:<port>}
 * @param maxBodyBytes       the largest request body accepted
 * @param secretKey          base64 of 32 bytes sealing secrets at rest; empty means a key file in the data directory
 * @param browserArgs        extra Chromium flags (proxies, host resolver rules), space-separated in the environment
 * @param sandbox            whether the look-alike meeting platform runs (demo and tests)
 * @param browser            whether the shared Chromium runtime starts (bots of browser-driven platforms need it)
 * @param calendar           calendar providers' endpoints and sync settings ({@link CalendarConfig})
 * @param storage            where bots' files are kept: {@code BAAS_STORAGE=local} (default) or {@code s3}
 * @param screenshotInterval how often a bot in a call pictures the meeting; zero: only on admission and on request
 * @param rateLimits         how many calls each API key may make ({@code BAAS_RATE_LIMIT_PER_MINUTE}, {@code BAAS_RATE_LIMIT_BURST})
 * @param authCache          how long a checked API key is trusted without asking the database again
 *                           ({@code BAAS_AUTH_CACHE_MS}); zero checks every request
 */
public record ServerConfig(String host, int port, Path dataDirectory, Optional<String> apiKey, boolean webhookAllowPrivate,
                           Optional<String> databaseUrl, Optional<String> publicUrl, long maxBodyBytes,
                           Optional<String> secretKey, java.util.List<String> browserArgs, boolean sandbox,
                           boolean browser, CalendarConfig calendar, StorageConfig storage,
                           java.time.Duration screenshotInterval, RateLimits rateLimits, java.time.Duration authCache) {
    public ServerConfig {
        browserArgs = java.util.List.copyOf(browserArgs);
    }

    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** Short enough that a key revoked on another node stops working within a second, long enough to spare the database. */
    public static final java.time.Duration DEFAULT_AUTH_CACHE = java.time.Duration.ofSeconds(1);

    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig("0.0.0.0", 8080, dataDirectory, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_MAX_BODY, Optional.empty(), java.util.List.of(), false, false, CalendarConfig.defaults(), new StorageConfig.Local(),
                dev.baas.core.EngineSettings.DEFAULT_SCREENSHOT_INTERVAL, RateLimits.DEFAULT, DEFAULT_AUTH_CACHE);
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
                CalendarConfig.load(baas, env), StorageConfig.load(baas, env), screenshotInterval(baas, env), RateLimits.load(baas, env),
                authCache(baas, env));
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

    private static java.time.Duration authCache(Config baas, Map<String, String> env) {
        String raw = env.getOrDefault("BAAS_AUTH_CACHE_MS", baas.get("auth-cache-ms").asString()
                .orElse(Long.toString(DEFAULT_AUTH_CACHE.toMillis()))).trim();
        try {
            long ms = Long.parseLong(raw);
            if (ms < 0) throw new NumberFormatException();
            return java.time.Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw dev.baas.spi.BaasException.invalid("BAAS_AUTH_CACHE_MS", "must be a whole number of milliseconds, 0 or more");
        }
    }

    private static Optional<String> nonBlank(String s) { return Optional.ofNullable(s).filter(v -> !v.isBlank()); }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, dataDirectory, Optional.of(key), webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, Optional.of(url), publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withWebhookAllowPrivate(boolean allow) {
        return new ServerConfig(host, port, dataDirectory, apiKey, allow, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withSandbox(boolean on) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, on, browser || on, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withBrowserArgs(java.util.List<String> args) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, args, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withStorage(StorageConfig s) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, s, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withCalendar(CalendarConfig c) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, c, storage, screenshotInterval, rateLimits, authCache);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, limits, authCache);
    }

    public ServerConfig withAuthCache(java.time.Duration ttl) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, ttl);
    }

    /**
     * How many calls each API key may make to the authenticated routes: {@code perMinute} on average, in bursts of up
     * to {@code burst}; {@code perMinute} 0 turns the limit off. Generous by default: it stops a runaway client, not a
     * busy one.
     */
    public record RateLimits(int perMinute, int burst) {
        public static final RateLimits DEFAULT = new RateLimits(6_000, 1_000);
        public static final RateLimits OFF = new RateLimits(0, 1);

        public RateLimits {
            if (perMinute < 0) throw dev.baas.spi.BaasException.invalid("BAAS_RATE_LIMIT_PER_MINUTE", "must be 0 (off) or more");
            if (burst < 1) throw dev.baas.spi.BaasException.invalid("BAAS_RATE_LIMIT_BURST", "must be 1 or more");
        }

        public boolean enabled() { return perMinute > 0; }

        static RateLimits load(Config baas, Map<String, String> env) {
            return new RateLimits(
                    whole(env.getOrDefault("BAAS_RATE_LIMIT_PER_MINUTE", baas.get("rate-limit-per-minute").asString()
                            .orElse(Integer.toString(DEFAULT.perMinute()))), "BAAS_RATE_LIMIT_PER_MINUTE"),
                    whole(env.getOrDefault("BAAS_RATE_LIMIT_BURST", baas.get("rate-limit-burst").asString()
                            .orElse(Integer.toString(DEFAULT.burst()))), "BAAS_RATE_LIMIT_BURST"));
        }

        private static int whole(String raw, String name) {
            try {
                return Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw dev.baas.spi.BaasException.invalid(name, "must be a whole number");
            }
        }

        String describe() {
            return enabled() ? "rate-limit=" + perMinute + "/min burst " + burst : "rate-limit=off";
        }
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
                + " " + calendar.describe() + " storage=" + storage.describe() + " screenshot-interval-s=" + screenshotInterval.toSeconds()
                + " " + rateLimits.describe() + " auth-cache-ms=" + authCache.toMillis();
    }

    static String mask(String secret) {
        return secret.length() <= 8 ? "***" : secret.substring(0, 4) + "***";
    }

    @Override public String toString() { return "ServerConfig[" + describe() + "]"; }
}
