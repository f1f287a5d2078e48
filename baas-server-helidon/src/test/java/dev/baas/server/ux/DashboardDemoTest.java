package dev.baas.server.ux;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.baas.sandbox.MeetingState;
import dev.baas.sandbox.SandboxService;
import dev.baas.server.BaasServer;
import dev.baas.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The demo as a person walks it in the dashboard: log in with the key, create a demo meeting, send a bot, watch its
 * status change live over the event stream, make it leave, then play the recording and read the transcript.
 * A screenshot of every step lands in {@code target/screenshots/}.
 */
class DashboardDemoTest {
    static final String KEY = "dash-key-" + System.nanoTime();
    static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir static Path data;
    static BaasServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true).withSandbox(true));
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (server != null) server.close();
    }

    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void aPersonRunsTheDemoFromTheDashboard() throws Exception {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)).newPage();
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + server.port() + "/dashboard/");

        // a wrong key is refused on the page, the right one lets the person in
        page.getByTestId("api-key").fill("not-a-key");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#login-error")).containsText("refused");
        shot(page, "01-login-refused");
        page.getByTestId("api-key").fill(KEY);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByTestId("send-bot")).isVisible();
        shot(page, "02-bots-empty");

        page.getByTestId("demo-meeting").click();
        assertThat(page.getByTestId("meeting-url")).hasValue(java.util.regex.Pattern.compile("^http://127\\.0\\.0\\.1:\\d+/m/.+"));
        String meetingUrl = page.getByTestId("meeting-url").inputValue();
        String meetingId = meetingUrl.substring(meetingUrl.lastIndexOf('/') + 1);
        shot(page, "03-demo-meeting");

        page.getByTestId("bot-name").fill("Demo Notetaker");
        page.getByTestId("send-bot").click();
        page.waitForURL(java.util.regex.Pattern.compile(".*#/bots/[0-9a-f-]{36}$"));
        // the status badge in the heading follows the bot live, from the event stream
        Locator heading = page.locator("h1 [data-testid=status]");
        assertThat(heading).hasText("in_call_recording", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.getByTestId("timeline")).containsText("in_waiting_room");
        assertThat(page.getByTestId("timeline")).containsText("in_call_recording");
        shot(page, "04-bot-recording");

        awaitScriptSpoken(server.sandbox().orElseThrow(), meetingId, 4);
        assertThat(page.getByTestId("participants")).containsText("Alice");
        assertThat(page.getByTestId("participants")).containsText("Bob");
        shot(page, "05-after-conversation");

        page.getByTestId("leave").click();
        // transcription runs between call_ended and complete: generous, a shared machine may be slow
        assertThat(heading).hasText("complete", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(180_000));
        Locator player = page.getByTestId("player");
        player.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(30_000));
        assertEquals("video", player.evaluate("e => e.tagName.toLowerCase()"));
        // the media element can load what the link points to: its duration becomes known
        page.waitForFunction("() => { const m = document.getElementById('media'); return m && m.readyState >= 1 && m.duration > 1; }");
        Locator paragraph = page.locator("[data-testid=transcript] p .who");
        assertThat(paragraph.first()).hasText(java.util.regex.Pattern.compile("Alice|Bob"));
        assertThat(page.getByTestId("timeline")).containsText("call_ended");
        System.out.printf("player duration %.1f s; transcript: %s%n", ((Number) page.evaluate("document.getElementById('media').duration")).doubleValue(),
                page.getByTestId("transcript").innerText().replace("\n", " | "));
        shot(page, "06-recording-and-transcript");

        page.navigate("http://127.0.0.1:" + server.port() + "/dashboard/#/");
        assertThat(page.locator("[data-testid=bots] tr")).hasCount(1);
        assertThat(page.locator("[data-testid=bots] [data-testid=status]")).hasText("complete");
        shot(page, "07-bots-list");
        page.navigate("http://127.0.0.1:" + server.port() + "/dashboard/#/keys");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING, new Page.GetByRoleOptions().setName("API keys"))).isVisible();
        shot(page, "08-keys");
    }

    /** Waits until the scripted participants have said {@code lines} lines and are all quiet again. */
    private static void awaitScriptSpoken(SandboxService sandbox, String meetingId, int lines) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean wasSpeaking = new AtomicBoolean();
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        try {
            poll.scheduleAtFixedRate(() -> {
                MeetingState s = sandbox.state(meetingId);
                boolean speaking = s.inCall().stream().anyMatch(MeetingState.Attendee::speaking);
                if (speaking && !wasSpeaking.get()) started.incrementAndGet();
                wasSpeaking.set(speaking);
                if (!speaking && started.get() >= lines) done.complete(null);
            }, 0, 100, TimeUnit.MILLISECONDS);
            done.get(60, TimeUnit.SECONDS);
        } finally {
            poll.shutdownNow();
        }
    }
}
