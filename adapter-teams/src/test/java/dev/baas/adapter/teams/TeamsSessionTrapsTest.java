package dev.baas.adapter.teams;

import com.sun.net.httpserver.HttpServer;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.spi.BotConfig;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The session against small pages that hold Teams' traps, served on loopback: it must click through the launcher
 * and both permission prompts (joining unmuted, with computer audio, or the page keeps it out), read the lobby as a lobby although Leave and a disabled Join are on screen, ignore
 * end-of-meeting words in alerts and chat, and tell its own chat messages from grouped ones.
 */
class TeamsSessionTrapsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static HttpServer http;
    private static BrowserRuntime browser;

    @BeforeAll static void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            try (ex; InputStream in = TeamsSessionTrapsTest.class.getResourceAsStream(ex.getRequestURI().getPath().substring(1))) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(in == null ? 404 : 200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) ex.getResponseBody().write(body);
            }
        });
        http.start();
        browser = BrowserRuntime.start(BrowserSettings.defaults());
    }

    @AfterAll static void stop() {
        if (browser != null) browser.close();
        if (http != null) http.stop(0);
    }

    @Test void walksTheJoinAndReadsTheMeetingPastItsTraps() {
        RecordingContext ctx = context("traps.html", "Trap Bot");
        try (MeetingSession session = new TeamsPlatform().open(ctx)) {
            session.join();
            expect(ctx, MeetingEvent.InWaitingRoom.class, e -> true);
            expect(ctx, MeetingEvent.Admitted.class, e -> true);
            expect(ctx, MeetingEvent.ParticipantJoined.class, j -> j.participant().name().equals("Alice"));
            expect(ctx, MeetingEvent.ActiveSpeaker.class, s -> s.speaking() && s.participant().name().equals("Alice"));
            expect(ctx, MeetingEvent.ActiveSpeaker.class, s -> !s.speaking() && s.participant().name().equals("Alice"));
            MeetingEvent.ChatMessage quoted = expect(ctx, MeetingEvent.ChatMessage.class, c -> c.text().startsWith("Meeting ended"));
            assertEquals("Alice", quoted.sender());
            MeetingEvent.ChatMessage grouped = expect(ctx, MeetingEvent.ChatMessage.class, c -> c.text().equals("See you"));
            assertEquals("Alice", grouped.sender(), "a grouped message belongs to the run's author");
            assertTrue(!grouped.fromBot(), "someone else's grouped message taken for the bot's");

            session.sendChat("Hello from the bot");
            MeetingEvent.ChatMessage own = expect(ctx, MeetingEvent.ChatMessage.class, c -> c.text().equals("Hello from the bot"));
            assertTrue(own.fromBot(), "the bot's own message not recognised");
            assertEquals("Trap Bot", own.sender());
            expect(ctx, MeetingEvent.Removed.class, e -> true);

            List<MeetingEvent> events = ctx.events();
            assertTrue(events.getFirst() instanceof MeetingEvent.Joining, "the first event must be Joining: " + events);
            assertTrue(index(events, MeetingEvent.InWaitingRoom.class) < index(events, MeetingEvent.Admitted.class),
                    "the lobby (Leave and a disabled Join on screen) was read as admission: " + events);
            assertTrue(events.stream().noneMatch(e -> e instanceof MeetingEvent.MeetingEnded),
                    "an alert or a chat line quoting \"ended\" was read as the end of the meeting: " + events);
            assertTrue(events.stream().noneMatch(e -> e instanceof MeetingEvent.ParticipantJoined j
                    && j.participant().name().equals("Trap Bot")), "the bot's own preview reported as a participant");
            assertEquals(1, events.stream().filter(e -> e instanceof MeetingEvent.Removed).count());
        }
    }

    @Test void aSignInPageMeansTheMeetingCannotBeJoinedAsAGuest() {
        RecordingContext ctx = context("sign-in.html", "Sign-in Bot");
        try (MeetingSession session = new TeamsPlatform().open(ctx)) {
            session.join();
            MeetingEvent.CannotJoin e = expect(ctx, MeetingEvent.CannotJoin.class, c -> true);
            assertEquals(FailureCode.CANNOT_JOIN_MEETING, e.code());
            assertTrue(e.reason().contains("sign in"), e.reason());
        }
    }

    private static RecordingContext context(String page, String botName) {
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/" + page;
        return new RecordingContext(BotConfig.builder(url, botName).recordingMode(RecordingMode.AUDIO_ONLY).build(),
                MeetingRef.of(TeamsUrls.PLATFORM, url, page),
                type -> type == BrowserRuntime.class ? Optional.of(browser) : Optional.empty());
    }

    private static <E extends MeetingEvent> E expect(RecordingContext ctx, Class<E> type, Predicate<E> test) {
        return ctx.await(type, test, PATIENCE).orElseGet(() -> fail("no " + type.getSimpleName() + "; events: " + ctx.events()));
    }

    private static int index(List<MeetingEvent> events, Class<? extends MeetingEvent> type) {
        for (int i = 0; i < events.size(); i++) if (type.isInstance(events.get(i))) return i;
        return Integer.MAX_VALUE;
    }
}
