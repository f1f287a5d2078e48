package dev.baas.server;

import dev.baas.core.db.Database;
import io.helidon.config.Config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the server runs. Read from Helidon config ({@code application.yaml}, key {@code baas.*}) and overridden by the
 * environment ({@code BAAS_PORT}, {@code BAAS_HOST}, {@code BAAS_DATA_DIR}, {@code BAAS_API_KEY},
 * {@code BAAS_WEBHOOK_ALLOW_PRIVATE}, {@code BAAS_DATABASE_URL}, {@code BAAS_PUBLIC_URL}, {@code BAAS_MAX_BODY_BYTES}).
 *
 * @param port               0 picks a free port
 * @param apiKey             an API key the operator chose; its account is created on first start
 * @param webhookAllowPrivate whether webhook URLs may point at loopback or private addresses
 * @param databaseUrl        a JDBC URL; empty means an H2 file under the data directory
 * @param publicUrl          the base of download links; empty means {@code http://localhost:<port>}
 * @param maxBodyBytes       the largest request body accepted
 */
public record ServerConfig(String host, int port, Path dataDirectory, Optional<String> apiKey, boolean webhookAllowPrivate,
                           Optional<String> databaseUrl, Optional<String> publicUrl, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;

    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig("0.0.0.0", 8080, dataDirectory, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_MAX_BODY);
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
        return new ServerConfig(host, port, data, key, allowPrivate, db, publicUrl, maxBody);
    }

    private static Optional<String> nonBlank(String s) { return Optional.ofNullable(s).filter(v -> !v.isBlank()); }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDirectory, apiKey, webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, dataDirectory, Optional.of(key), webhookAllowPrivate, databaseUrl, publicUrl, maxBodyBytes);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(host, port, dataDirectory, apiKey, webhookAllowPrivate, Optional.of(url), publicUrl, maxBodyBytes);
    }

    public ServerConfig withWebhookAllowPrivate(boolean allow) {
        return new ServerConfig(host, port, dataDirectory, apiKey, allow, databaseUrl, publicUrl, maxBodyBytes);
    }

    /** Every setting, secrets masked: what the server prints when it starts. */
    public String describe() {
        return "host=" + host + " port=" + port + " data-dir=" + dataDirectory.toAbsolutePath()
                + " api-key=" + apiKey.map(ServerConfig::mask).orElse("(none)")
                + " webhook-allow-private=" + webhookAllowPrivate
                + " database=" + databaseUrl.map(Database::masked).orElse("(H2 file in data-dir)")
                + " public-url=" + publicUrl.orElse("(http://localhost:<port>)")
                + " max-body-bytes=" + maxBodyBytes;
    }

    static String mask(String secret) {
        return secret.length() <= 8 ? "***" : secret.substring(0, 4) + "***";
    }

    @Override public String toString() { return "ServerConfig[" + describe() + "]"; }
}
