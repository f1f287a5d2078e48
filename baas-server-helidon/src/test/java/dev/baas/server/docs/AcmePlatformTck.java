package dev.baas.server.docs;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.spi.MeetingPlatform;
import dev.baas.tck.MeetingPlatformTck;
import dev.baas.tck.PlatformFixture;
import dev.baas.tck.TestMeeting;
import dev.baas.tck.TestMeetingSpec;

import java.time.Duration;
import java.util.Optional;

// docs:begin tck
/** Acme passes the platform TCK; rename to AcmePlatformTckTest (or list it in surefire) so the build runs it. */
class AcmePlatformTck extends MeetingPlatformTck {
    @Override protected PlatformFixture createFixture() { return new AcmeFixture(); }
}

/** What the TCK needs: the adapter, the services a host gives it, and real meetings it can steer. */
final class AcmeFixture implements PlatformFixture {
    private final BrowserRuntime browser = BrowserRuntime.start(BrowserSettings.defaults());
    private final AcmeTestAccount account = AcmeTestAccount.fromEnvironment();

    @Override public MeetingPlatform platform() { return new AcmePlatform(); }

    @Override public <T> Optional<T> service(Class<T> type) {
        return type == BrowserRuntime.class ? Optional.of(type.cast(browser)) : Optional.empty();
    }

    /** A meeting hosted by a test account: admits, denies, removes the bot, and has people join, speak and chat. */
    @Override public TestMeeting createMeeting(TestMeetingSpec spec) { return account.createMeeting(spec); }

    @Override public Duration patience() { return Duration.ofSeconds(45); } // a hosted platform is slower than loopback

    @Override public void close() {
        browser.close();
        account.close();
    }
}
// docs:end

/** Drives meetings on a real Acme test account; its shape is the adapter author's to choose. */
interface AcmeTestAccount extends AutoCloseable {
    TestMeeting createMeeting(TestMeetingSpec spec);

    @Override void close();

    static AcmeTestAccount fromEnvironment() {
        throw new UnsupportedOperationException("set ACME_TEST_ACCOUNT to run the Acme TCK");
    }
}
