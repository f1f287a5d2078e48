package dev.baas.core.webhook;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class StandardWebhooksTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void thePublishedTestVectorPasses() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooks.sign(SECRET, ID, TS, BODY));
    }

    @Test
    void verifyAcceptsTheVectorWithinToleranceAndAmongOtherEntries() {
        Instant at = Instant.ofEpochSecond(TS + 299);
        String header = "v1a,aWdub3JlZA== v1,bm90IHRoaXMgb25l v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertTrue(StandardWebhooks.verify(SECRET, ID, Long.toString(TS), header, BODY, at));
    }

    @Test
    void verifyRefusesTamperingStalenessAndGarbage() {
        String sig = StandardWebhooks.sign(SECRET, ID, TS, BODY);
        Instant at = Instant.ofEpochSecond(TS);
        assertFalse(StandardWebhooks.verify(SECRET, ID, Long.toString(TS), sig, BODY + " ", at));
        assertFalse(StandardWebhooks.verify(SECRET, "msg_other", Long.toString(TS), sig, BODY, at));
        assertFalse(StandardWebhooks.verify(SECRET, ID, Long.toString(TS), sig, BODY, at.plusSeconds(301)));
        assertFalse(StandardWebhooks.verify(SECRET, ID, "yesterday", sig, BODY, at));
        assertFalse(StandardWebhooks.verify(StandardWebhooks.newSecret(), ID, Long.toString(TS), sig, BODY, at));
    }

    @Test
    void newSecretsAreDistinctAndUsable() {
        String a = StandardWebhooks.newSecret(), b = StandardWebhooks.newSecret();
        assertNotEquals(a, b);
        assertTrue(a.startsWith("whsec_"));
        String sig = StandardWebhooks.sign(a, "m", 1, "{}");
        assertTrue(StandardWebhooks.verify(a, "m", "1", sig, "{}", Instant.ofEpochSecond(1)));
    }
}
