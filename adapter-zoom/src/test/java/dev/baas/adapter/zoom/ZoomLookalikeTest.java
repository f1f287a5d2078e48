package dev.baas.adapter.zoom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.sandbox.LookalikeFixture;
import dev.baas.sandbox.MeetingSpec;
import dev.baas.sandbox.SandboxService;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MediaSink;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Zoom look-alike shows Zoom's traps to whoever joins it (pictured under target/screenshots), and the adapter
 * handles the ones the TCK does not reach: passcodes, and a meeting view that hides its footer and shows toasts
 * about the waiting room.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoomLookalikeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private LookalikeFixture fixture;
    private SandboxService sandbox;

    @BeforeAll void start() {
        fixture = new LookalikeFixture("zoom", new ZoomPlatform());
        sandbox = fixture.sandbox();
    }

    @AfterAll void stop() {
        if (fixture != null) fixture.close();
    }

    @Test void aGuestMeetsZoomsTrapsFromTheInviteToTheMeeting() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        SandboxService.CreatedMeeting meeting = sandbox.create(zoom("Alice").withWaitingRoom(true, false));
        assertTrue(meeting.meetingUrl().matches("https://zoom\\.us/j/\\d{11}\\?pwd=\\w{32}"), meeting.meetingUrl());
        String guest = "Pictured Guest";
        try (BotPage page = fixture.botsBrowser().open(BotPageSpec.of(guest, MediaSink.DISCARD, BotPageListener.IGNORE))) {
            page.run(p -> {
                p.navigate(meeting.meetingUrl());
                shoot(p, "1-launch-page.png");
                p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Launch Meeting")).click();
                p.getByText("Join from your browser", new Page.GetByTextOptions().setExact(true)).click();
                p.waitForURL("https://app.zoom.us/wc/**");
                assertTrue(p.url().contains("/join?pwd="), p.url());
                p.locator(ZoomPage.COOKIE_ACCEPT).waitFor();
                shoot(p, "2-join-page-cookie-banner.png");
                // the banner takes the clicks meant for the page until it is accepted
                assertThrows(PlaywrightException.class, () -> p.getByText("Allow", new Page.GetByTextOptions().setExact(true))
                        .click(new Locator.ClickOptions().setTimeout(1_000)));
                ZoomPage.acceptCookies(p);
                ZoomPage.allowDevices(p);
                // a name set by a script does not reach the form: Join stays disabled
                p.fill("#input-for-name", guest);
                assertTrue(p.locator("button.preview-join-button").getAttribute("class").contains("disabled"));
                p.fill("#input-for-name", "");
                ZoomPage.typeInto(p, ZoomPage.NAME_INPUT, guest);
                assertTrue(!p.locator("button.preview-join-button").getAttribute("class").contains("disabled"));
                shoot(p, "3-join-page-filled.png");
                ZoomPage.clickJoin(p);
                p.getByText("Please wait, the meeting host will let you in soon.").waitFor();
                // the waiting room is drawn inside the meeting shell
                assertEquals(1, p.locator(".meeting-app .waiting-room-container").count());
                shoot(p, "4-waiting-room.png");
            });
            sandbox.admit(meeting.id(), guest);
            page.run(p -> {
                p.locator(ZoomPage.FOOTER_LEAVE).waitFor();
                ZoomPage.openPanes(p);
                p.locator(".participants-item__display-name", new Page.LocatorOptions().setHasText("Alice")).waitFor();
                ZoomPage.dismissNags(p);
                shoot(p, "5-in-meeting.png");
                // the footer hides itself; its Leave button stays in the page
                p.waitForSelector(".footer--hidden", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
                assertTrue(p.locator(ZoomPage.FOOTER_LEAVE).isHidden());
                assertEquals(1, p.locator(ZoomPage.FOOTER_LEAVE).count());
                shoot(p, "6-in-meeting-footer-hidden.png");
            });
            sandbox.end(meeting.id());
            page.run(p -> {
                p.getByText("This meeting has been ended by host").waitFor();
                shoot(p, "7-ended.png");
            });
        }
    }

    @Test void aHiddenFooterAndWaitingRoomToastsAreNotLeavingTheMeeting() {
        SandboxService.CreatedMeeting meeting = sandbox.create(zoom("Alice").withWaitingRoom(true, false));
        Bot bot = bot(meeting.meetingUrl(), "Zoom Bot Toast");
        try (MeetingSession session = bot.session()) {
            Instant joinAt = Instant.now();
            session.join();
            MeetingEvent lobby = await(bot, MeetingEvent.InWaitingRoom.class);
            Instant admitAt = Instant.now();
            sandbox.admit(meeting.id(), bot.name());
            MeetingEvent in = await(bot, MeetingEvent.Admitted.class);
            System.out.printf("zoom look-alike: join() to waiting room %d ms (cookie banner, device prompt, typed name),"
                    + " host's admit to Admitted %d ms%n", Duration.between(joinAt, lobby.at()).toMillis(),
                    Duration.between(admitAt, in.at()).toMillis());
            // longer than the footer's and the toast's lives
            Optional<MeetingEvent> wrong = bot.ctx().await(MeetingEvent.class, e -> !(e instanceof MeetingEvent.ParticipantJoined
                    || e instanceof MeetingEvent.Joining || e instanceof MeetingEvent.InWaitingRoom
                    || e instanceof MeetingEvent.Admitted), Duration.ofSeconds(8));
            assertTrue(wrong.isEmpty(), "the bot reported " + wrong + " in a quiet meeting");
            assertEquals(1, bot.ctx().events().stream().filter(e -> e instanceof MeetingEvent.InWaitingRoom).count());
            assertTrue(sandbox.state(meeting.id()).isInCall(bot.name()));
        }
    }

    @Test void aWrongPasscodeIsCannotJoin() {
        assertPasscodeRefused(url -> url.replaceFirst("pwd=\\w+", "pwd=wrongPasscode1"), "Zoom Bot Passcode");
    }

    @Test void aLinkWithoutItsPasscodeIsCannotJoin() {
        assertPasscodeRefused(url -> url.replaceFirst("\\?pwd=\\w+", ""), "Zoom Bot No Passcode");
    }

    private void assertPasscodeRefused(UnaryOperator<String> link, String name) {
        SandboxService.CreatedMeeting meeting = sandbox.create(zoom("Alice"));
        Bot bot = bot(link.apply(meeting.meetingUrl()), name);
        try (MeetingSession session = bot.session()) {
            session.join();
            MeetingEvent.CannotJoin no = await(bot, MeetingEvent.CannotJoin.class);
            assertTrue(no.reason().contains("passcode"), no.reason());
            assertTrue(!sandbox.state(meeting.id()).isInCall(bot.name()));
        }
    }

    private record Bot(String name, RecordingContext ctx, MeetingSession session) {}

    private Bot bot(String url, String name) {
        MeetingRef ref = ZoomUrls.parse(url).orElseThrow();
        RecordingContext ctx = new RecordingContext(BotConfig.builder(url, name).recordingMode(RecordingMode.AUDIO_ONLY).build(),
                ref, type -> type == BrowserRuntime.class ? Optional.of(fixture.botsBrowser()) : Optional.empty());
        return new Bot(name, ctx, new ZoomPlatform().open(ctx));
    }

    private static <E extends MeetingEvent> E await(Bot bot, Class<E> type) {
        return bot.ctx().await(type, e -> true, PATIENCE)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + "; events: " + bot.ctx().events()));
    }

    private static MeetingSpec zoom(String... participants) { return MeetingSpec.of(participants).onPlatform("zoom"); }

    private static void shoot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(file)));
    }
}
