package dev.baas.server;

import dev.baas.core.db.Database;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the server runs. Read from Helidon config ({@code application.yaml}, key {@code baas.*}) and overridden by the
 * environment: the variables of {@link #SETTINGS}, {@link StorageConfig#SETTINGS} and {@link CalendarConfig}.
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
 * @param rateLimits         how many calls each API key may make ({@code BAAS_RATE_LIMIT_PER_MINUTE}, {@code BAAS_RATE_LIMIT_BURST})
 * @param authCache          how long a checked API key is trusted without asking the database again
 *                           ({@code BAAS_AUTH_CACHE_MS}); zero checks every request
 * @param node               this node's role among others, its name and its capacity ({@link NodeConfig}: {@code BAAS_ROLE},
 *                           {@code BAAS_NODE_ID}, {@code BAAS_CAPACITY_*}, {@code BAAS_LEASE_S}, {@code BAAS_HEARTBEAT_S},
 *                           {@code BAAS_TAKEOVER})
 * @param readyTimeout       how long each check of {@code /health/ready} may take before it counts as down
 */
public record ServerConfig(String host, int port, Path dataDirectory, Optional<String> apiKey, boolean webhookAllowPrivate,
                           Optional<String> databaseUrl, Optional<String> publicUrl, long maxBodyBytes,
                           Optional<String> secretKey, java.util.List<String> browserArgs, boolean sandbox,
                           boolean browser, CalendarConfig calendar, StorageConfig storage,
                           java.time.Duration screenshotInterval, RateLimits rateLimits, java.time.Duration authCache,
                           NodeConfig node, java.time.Duration readyTimeout) {
    public ServerConfig {
        browserArgs = java.util.List.copyOf(browserArgs);
    }

    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    /** Short enough that a key revoked on another node stops working within a second, long enough to spare the database. */
    public static final java.time.Duration DEFAULT_AUTH_CACHE = java.time.Duration.ofSeconds(1);
    public static final long DEFAULT_READY_TIMEOUT_S = 5;

    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig("0.0.0.0", 8080, dataDirectory, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_MAX_BODY, Optional.empty(), java.util.List.of(), false, false, CalendarConfig.defaults(), new StorageConfig.Local(),
                dev.baas.core.EngineSettings.DEFAULT_SCREENSHOT_INTERVAL, RateLimits.DEFAULT, DEFAULT_AUTH_CACHE,
                NodeConfig.defaults(), java.time.Duration.ofSeconds(DEFAULT_READY_TIMEOUT_S));
    }

    static final Setting PORT = Setting.of("BAAS_PORT", "port", "8080", "listen port (0: any free port)");
    static final Setting HOST = Setting.of("BAAS_HOST", "host", "0.0.0.0", "listen address");
    static final Setting DATA_DIR = Setting.of("BAAS_DATA_DIR", "data-dir", "data", "database, recordings, keys");
    static final Setting DATABASE_URL = Setting.optional("BAAS_DATABASE_URL", "database-url", "H2 file in the data dir",
            "a PostgreSQL JDBC URL for production");
    static final Setting API_KEY = Setting.optional("BAAS_API_KEY", "api-key", "", "creates once an account with exactly this key");
    static final Setting PUBLIC_URL = Setting.optional("BAAS_PUBLIC_URL", "public-url", "`http://localhost:<port>`",
            "base of signed download links");
    static final Setting WEBHOOK_ALLOW_PRIVATE = Setting.of("BAAS_WEBHOOK_ALLOW_PRIVATE", "webhook-allow-private", "false",
            "let webhooks, streams and images target loopback/private addresses (local use)");
    static final Setting SECRET_KEY = Setting.optional("BAAS_SECRET_KEY", "secret-key", "key file in the data dir",
            "base64 of 32 bytes sealing secrets at rest (API keys for the webhook header, OAuth tokens)");
    static final Setting BROWSER = Setting.of("BAAS_BROWSER", "browser", "true", "start the shared Chromium runtime");
    static final Setting BROWSER_ARGS = Setting.optional("BAAS_BROWSER_ARGS", "browser-args", "",
            "extra Chromium flags, space-separated: proxies, `--host-resolver-rules=...` to point real hostnames at look-alikes");
    static final Setting SANDBOX = Setting.of("BAAS_SANDBOX", "sandbox", "false",
            "run the look-alike meeting platform and its `/sandbox/...` API (on with `./baas run`)");
    static final Setting MAX_BODY_BYTES = Setting.of("BAAS_MAX_BODY_BYTES", "max-body-bytes", Long.toString(DEFAULT_MAX_BODY),
            "largest request body");
    static final Setting SCREENSHOT_INTERVAL_S = Setting.of("BAAS_SCREENSHOT_INTERVAL_S", "screenshot-interval-s",
            Long.toString(dev.baas.core.EngineSettings.DEFAULT_SCREENSHOT_INTERVAL.toSeconds()),
            "how often a bot in a call takes a screenshot of the meeting (one is always taken on admission); 0: only on admission and on request");
    static final Setting READY_TIMEOUT_S = Setting.of("BAAS_READY_TIMEOUT_S", "ready-timeout-s", Long.toString(DEFAULT_READY_TIMEOUT_S),
            "how long each check of `/health/ready` may take before it counts as down");
    static final Setting LOG_FORMAT = Setting.of("BAAS_LOG_FORMAT", "log-format", "json",
            "`json`: one JSON object per log line with the bot id; `text`: plain lines (as `./baas run` does)");

    static final Setting AUTH_CACHE_MS = Setting.of("BAAS_AUTH_CACHE_MS", "auth-cache-ms", Long.toString(DEFAULT_AUTH_CACHE.toMillis()),
            "how long a checked API key is trusted before the database is asked again (a key revoked on another node works that much longer); 0: every request");
    static final Setting RATE_LIMIT_PER_MINUTE = Setting.of("BAAS_RATE_LIMIT_PER_MINUTE", "rate-limit-per-minute",
            Integer.toString(RateLimits.DEFAULT.perMinute()),
            "calls each API key may make to the authenticated routes per minute on average; over it: 429 with `Retry-After`; 0 turns it off");
    static final Setting RATE_LIMIT_BURST = Setting.of("BAAS_RATE_LIMIT_BURST", "rate-limit-burst",
            Integer.toString(RateLimits.DEFAULT.burst()), "calls each API key may make at once");

    /** The settings this record is read from, in the README's order. */
    static final java.util.List<Setting> SETTINGS = java.util.List.of(PORT, HOST, DATA_DIR, DATABASE_URL, API_KEY, PUBLIC_URL,
            WEBHOOK_ALLOW_PRIVATE, SECRET_KEY, BROWSER, BROWSER_ARGS, SANDBOX, MAX_BODY_BYTES, SCREENSHOT_INTERVAL_S, READY_TIMEOUT_S, LOG_FORMAT,
            AUTH_CACHE_MS, RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST);

    public static ServerConfig load(Config config, Map<String, String> env) {
        Config baas = config.get("baas");
        String host = HOST.value(baas, env);
        int port = number(PORT, baas, env);
        Path data = Path.of(DATA_DIR.value(baas, env));
        boolean allowPrivate = Boolean.parseBoolean(WEBHOOK_ALLOW_PRIVATE.value(baas, env));
        long maxBody = Long.parseLong(MAX_BODY_BYTES.value(baas, env));
        String args = BROWSER_ARGS.read(baas, env).orElse("");
        return new ServerConfig(host, port, data, API_KEY.read(baas, env), allowPrivate, DATABASE_URL.read(baas, env),
                PUBLIC_URL.read(baas, env), maxBody, SECRET_KEY.read(baas, env),
                args.isBlank() ? java.util.List.of() : java.util.List.of(args.trim().split("\\s+")),
                Boolean.parseBoolean(SANDBOX.value(baas, env)), Boolean.parseBoolean(BROWSER.value(baas, env)),
                CalendarConfig.load(baas, env), StorageConfig.load(baas, env), screenshotInterval(baas, env),
                RateLimits.load(baas, env), authCache(baas, env), NodeConfig.load(baas, env),
                java.time.Duration.ofSeconds(Math.max(1, number(READY_TIMEOUT_S, baas, env))));
    }

    private static int number(Setting s, Config baas, Map<String, String> env) {
        try {
            return Integer.parseInt(s.value(baas, env));
        } catch (NumberFormatException e) {
            throw dev.baas.spi.BaasException.invalid(s.env(), "must be a whole number");
        }
    }

    private static java.time.Duration screenshotInterval(Config baas, Map<String, String> env) {
        try {
            long seconds = Long.parseLong(SCREENSHOT_INTERVAL_S.value(baas, env));
            if (seconds < 0) throw new NumberFormatException();
            return java.time.Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw dev.baas.spi.BaasException.invalid("BAAS_SCREENSHOT_INTERVAL_S", "must be a whole number of seconds, 0 or more");
        }
    }

    private static java.time.Duration authCache(Config baas, Map<String, String> env) {
        String raw = AUTH_CACHE_MS.value(baas, env).trim();
        try {
            long ms = Long.parseLong(raw);
            if (ms < 0) throw new NumberFormatException();
            return java.time.Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw dev.baas.spi.BaasException.invalid("BAAS_AUTH_CACHE_MS", "must be a whole number of milliseconds, 0 or more");
        }
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, dataDirectory, Optional.of(key), webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, Optional.of(url), publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withWebhookAllowPrivate(boolean allow) {
        return new ServerConfig(host, port, dataDirectory, apiKey, allow, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withSandbox(boolean on) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, on, browser || on, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withBrowserArgs(java.util.List<String> args) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, args, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withStorage(StorageConfig s) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, s, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withCalendar(CalendarConfig c) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, c, storage, screenshotInterval, rateLimits, authCache, node, readyTimeout);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, limits, authCache, node, readyTimeout);
    }

    public ServerConfig withAuthCache(java.time.Duration ttl) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, ttl, node, readyTimeout);
    }

    public ServerConfig withReadyTimeout(java.time.Duration timeout) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, node, timeout);
    }

    public ServerConfig withNode(NodeConfig n) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes, secretKey, browserArgs, sandbox, browser, calendar, storage, screenshotInterval, rateLimits, authCache, n, readyTimeout);
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
                + " " + rateLimits.describe() + " auth-cache-ms=" + authCache.toMillis()
                + " " + node.describe() + " ready-timeout-s=" + readyTimeout.toSeconds();
    }

    static String mask(String secret) {
        return secret.length() <= 8 ? "***" : secret.substring(0, 4) + "***";
    }

    @Override public String toString() { return "ServerConfig[" + describe() + "]"; }
}
