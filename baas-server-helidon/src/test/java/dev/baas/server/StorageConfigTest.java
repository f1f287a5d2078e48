package dev.baas.server;

import dev.baas.spi.BaasException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Choosing where bots' files go (the server's disk by default, an S3 bucket by environment or config file) and how
 * often bots picture their meeting.
 */
class StorageConfigTest {
    static final Config NONE = Config.builder(ConfigSources.create(Map.of())).disableEnvironmentVariablesSource()
            .disableSystemPropertiesSource().build();

    @Test
    void localUnlessToldOtherwise() {
        assertEquals(new StorageConfig.Local(), ServerConfig.load(NONE, Map.of()).storage());
        assertEquals(new StorageConfig.Local(), ServerConfig.defaults(Path.of("data")).storage());
        assertEquals(new StorageConfig.Local(), ServerConfig.load(NONE, Map.of("BAAS_STORAGE", "LOCAL")).storage());
    }

    @Test
    void anS3BucketFromTheEnvironmentWithItsSecretsMaskedWhenPrinted() {
        ServerConfig c = ServerConfig.load(NONE, Map.of("BAAS_STORAGE", "s3", "BAAS_S3_ENDPOINT", "http://127.0.0.1:9000",
                "BAAS_S3_BUCKET", "recordings", "BAAS_S3_REGION", "eu-west-1",
                "BAAS_S3_ACCESS_KEY", "AKIAEXAMPLEACCESS", "BAAS_S3_SECRET_KEY", "very-secret-key-value"));
        var s3 = assertInstanceOf(StorageConfig.S3.class, c.storage()).settings();
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s3.endpoint());
        assertEquals("recordings", s3.bucket());
        assertEquals("eu-west-1", s3.region());
        assertEquals(Optional.of("AKIAEXAMPLEACCESS"), s3.accessKey());
        assertTrue(s3.pathStyle(), "a store of its own is addressed by path");
        String printed = c.describe() + c;
        assertTrue(printed.contains("storage=s3") && printed.contains("bucket=recordings"), printed);
        assertFalse(printed.contains("very-secret-key-value"), printed);
        assertFalse(printed.contains("AKIAEXAMPLEACCESS"), printed);
    }

    @Test
    void awsFromTheConfigFileWithTheDefaultCredentialChain() {
        Config file = Config.builder(ConfigSources.create(Map.of("baas.storage", "s3", "baas.s3.bucket", "meetings")))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        var s3 = assertInstanceOf(StorageConfig.S3.class, ServerConfig.load(file, Map.of()).storage()).settings();
        assertEquals("meetings", s3.bucket());
        assertEquals("us-east-1", s3.region());
        assertEquals(Optional.empty(), s3.endpoint());
        assertEquals(Optional.empty(), s3.accessKey());
        assertFalse(s3.pathStyle());
    }

    @Test
    void mistakesNameTheSetting() {
        assertEquals("BAAS_STORAGE", field(Map.of("BAAS_STORAGE", "ftp")));
        assertEquals("BAAS_S3_BUCKET", field(Map.of("BAAS_STORAGE", "s3")));
        assertEquals("BAAS_S3_SECRET_KEY", field(Map.of("BAAS_STORAGE", "s3", "BAAS_S3_BUCKET", "b", "BAAS_S3_ACCESS_KEY", "k")));
        assertEquals("endpoint", field(Map.of("BAAS_STORAGE", "s3", "BAAS_S3_BUCKET", "b", "BAAS_S3_ENDPOINT", "ftp://x")));
    }

    @Test
    void screenshotsEveryMinuteUnlessToldOtherwise() {
        assertEquals(java.time.Duration.ofSeconds(60), ServerConfig.load(NONE, Map.of()).screenshotInterval());
        ServerConfig c = ServerConfig.load(NONE, Map.of("BAAS_SCREENSHOT_INTERVAL_S", "15"));
        assertEquals(java.time.Duration.ofSeconds(15), c.screenshotInterval());
        assertTrue(c.describe().contains("screenshot-interval-s=15"), c.describe());
        assertEquals(java.time.Duration.ZERO, ServerConfig.load(NONE, Map.of("BAAS_SCREENSHOT_INTERVAL_S", "0")).screenshotInterval());
        assertEquals("BAAS_SCREENSHOT_INTERVAL_S", field(Map.of("BAAS_SCREENSHOT_INTERVAL_S", "-5")));
        assertEquals("BAAS_SCREENSHOT_INTERVAL_S", field(Map.of("BAAS_SCREENSHOT_INTERVAL_S", "1m")));
    }

    private static String field(Map<String, String> env) {
        BaasException e = assertThrows(BaasException.class, () -> ServerConfig.load(NONE, env));
        return e.violations().getFirst().field();
    }
}
