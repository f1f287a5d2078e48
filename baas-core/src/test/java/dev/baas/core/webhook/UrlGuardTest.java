package dev.baas.core.webhook;

import dev.baas.spi.BaasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class UrlGuardTest {
    static final Set<String> HTTP = Set.of("http", "https");

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/x", "http://10.1.2.3/", "http://192.168.0.1/",
            "http://172.16.5.5/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://0.0.0.0/",
            "http://[fd00::1]/", "http://100.64.0.1/", "http://app.localhost/", "http://[::ffff:127.0.0.1]/"})
    void internalAddressesAreRefusedByDefault(String url) {
        BaasException e = assertThrows(BaasException.class, () -> new UrlGuard(false).check("webhook_url", url, HTTP));
        assertEquals("webhook_url", e.violations().getFirst().field());
    }

    @Test
    void operatorsMayAllowPrivateRanges() {
        assertDoesNotThrow(() -> new UrlGuard(true).check("webhook_url", "http://127.0.0.1:9/hook", HTTP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "javascript:alert(1)", "file:///etc/passwd", "not a url", "http:///nohost",
            "https://user:pw@example.com/"})
    void malformedOrWrongSchemeIsRefused(String url) {
        assertThrows(BaasException.class, () -> new UrlGuard(true).check("webhook_url", url, HTTP));
    }

    @Test
    void publicLiteralAddressesPass() {
        assertDoesNotThrow(() -> new UrlGuard(false).check("webhook_url", "https://93.184.215.14/hook", HTTP));
    }
}
