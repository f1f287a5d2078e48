package dev.baas.adapter.teams;

import com.microsoft.playwright.Page;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.sandbox.LookalikeFixture;
import dev.baas.sandbox.MeetingSpec;
import dev.baas.sandbox.SandboxService;
import dev.baas.sandbox.Utterance;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MediaSink;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the TCK does not ask about Teams: the capture keeps the mixed track only (the redundant one repeats the
 * dominant speaker, and taking both doubles every word), the sign-in wall's reason names where Teams sent the guest,
 * and pictures of the look-alike's pre-join, lobby and meeting screens for people to compare with the real client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsLookalikeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private LookalikeFixture fixture;

    @BeforeAll void start() { fixture = new LookalikeFixture("teams", new TeamsPlatform()); }

    @AfterAll void stop() { if (fixture != null) fixture.close(); }

    @Test void capturesTheMixedTrackOnly() {
        SandboxService.CreatedMeeting m = sandbox().create(spec().withWaitingRoom(false, false));
        RecordingContext ctx = context(m.meetingUrl(), "Mix Bot");
        try (MeetingSession session = new TeamsPlatform().open(ctx)) {
            Instant started = Instant.now();
            session.join();
            MeetingEvent.Admitted admitted = expect(ctx, MeetingEvent.Admitted.class, e -> true);
            System.out.printf("Teams look-alike: join() to Admitted in %d ms (launcher, two prompts, pre-join)%n",
                    Duration.between(started, admitted.at()).toMillis());
            assertTrue(ctx.awaitMedia(c -> c.audio().stream().anyMatch(f -> !f.isMix()), PATIENCE), "no track was captured");
            Utterance said = sandbox().say(m.id(), "Alice", "The mixed track carries every word once");
            Instant until = said.end().plusSeconds(1);
            assertTrue(ctx.awaitMedia(c -> c.audio().stream().anyMatch(f -> f.isMix()
                    && f.timestampMicros() >= until.toEpochMilli() * 1000), PATIENCE.plus(said.duration())), "the mix stopped");
            List<String> sources = ctx.audio().stream().filter(f -> !f.isMix()).map(AudioFrame::source).distinct().toList();
            assertEquals(1, sources.size(), "captured tracks: " + sources);
            assertTrue(sources.getFirst().startsWith(TeamsPage.MAIN_AUDIO_PREFIX), "captured tracks: " + sources);
        } finally {
            sandbox().end(m.id());
        }
    }

    @Test void aSignInWallSaysWhereTeamsSentTheGuest() {
        SandboxService.CreatedMeeting m = sandbox().create(spec().withHost(true, true));
        RecordingContext ctx = context(m.meetingUrl(), "Wall Bot");
        try (MeetingSession session = new TeamsPlatform().open(ctx)) {
            session.join();
            MeetingEvent.CannotJoin no = expect(ctx, MeetingEvent.CannotJoin.class, e -> true);
            assertTrue(no.reason().contains("login.microsoftonline.com"), no.reason());
        } finally {
            sandbox().end(m.id());
        }
    }

    @Test void aLinkToNoMeetingIsAnInvalidUrl() {
        String url = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_bm9uZXhpc3RlbnRtZWV0aW5n%40thread.v2/0"
                + "?context=%7b%22Tid%22%3a%2200000000-0000-0000-0000-000000000001%22%7d";
        RecordingContext ctx = context(url, "Lost Bot");
        try (MeetingSession session = new TeamsPlatform().open(ctx)) {
            session.join();
            MeetingEvent.CannotJoin no = expect(ctx, MeetingEvent.CannotJoin.class, e -> true);
            assertEquals(FailureCode.INVALID_MEETING_URL, no.code(), no.reason());
        }
    }

    /** A person's walk through the look-alike with Playwright, photographed at each screen. */
    @Test void photographsPrejoinLobbyAndMeeting() throws IOException {
        SandboxService.CreatedMeeting m = sandbox().create(spec().withWaitingRoom(true, false));
        Files.createDirectories(SCREENSHOTS);
        BotPage person = browser().open(BotPageSpec.of("Dana", MediaSink.DISCARD, BotPageListener.IGNORE)
                .withCaptureAudio(false));
        try {
            person.run(p -> {
                p.navigate(m.meetingUrl());
                p.getByText("Continue on this browser").click();
                p.locator(TeamsPage.AV_MODAL_CONTINUE).click();
                p.locator(TeamsPage.NAME_INPUT).fill("Dana");
                shoot(p, "teams-prejoin.png");
                p.locator(TeamsPage.JOIN_BUTTON).click();
                p.locator(TeamsPage.AV_MODAL_CONTINUE).click();
                p.getByText("Someone will let you in shortly").waitFor();
                assertTrue(p.locator(TeamsPage.JOIN_BUTTON).isDisabled(), "the lobby's Join now is not disabled");
                shoot(p, "teams-lobby.png");
            });
            sandbox().admit(m.id(), "Dana");
            person.run(p -> {
                p.locator(TeamsPage.TILE).first().waitFor();
                p.locator(TeamsPage.CHAT_BUTTON).click();
                p.locator(TeamsPage.COMPOSE).first().waitFor();
                shoot(p, "teams-in-call.png");
            });
            sandbox().chat(m.id(), "Alice", "Welcome, Dana");
            person.run(p -> {
                p.locator(TeamsPage.MESSAGE_BODY).getByText("Welcome, Dana").waitFor();
                shoot(p, "teams-in-call.png");
            });
        } finally {
            person.close();
            sandbox().end(m.id());
        }
        for (String name : List.of("teams-prejoin.png", "teams-lobby.png", "teams-in-call.png"))
            assertTrue(Files.size(SCREENSHOTS.resolve(name)) > 10_000, name + " is too small to show a screen");
    }

    private static void shoot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }

    private SandboxService sandbox() { return fixture.sandbox(); }

    private BrowserRuntime browser() { return fixture.botsBrowser(); }

    private static MeetingSpec spec() {
        return MeetingSpec.of("Alice").onPlatform("teams");
    }

    private RecordingContext context(String url, String botName) {
        return new RecordingContext(BotConfig.builder(url, botName).recordingMode(RecordingMode.AUDIO_ONLY).build(),
                new TeamsPlatform().parse(url).orElseGet(() -> fail("not a Teams URL: " + url)),
                type -> type == BrowserRuntime.class ? Optional.of(browser()) : Optional.empty());
    }

    private static <E extends MeetingEvent> E expect(RecordingContext ctx, Class<E> type, Predicate<E> test) {
        return ctx.await(type, test, PATIENCE).orElseGet(() -> fail("no " + type.getSimpleName() + "; events: " + ctx.events()));
    }
}
