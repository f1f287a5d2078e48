package dev.baas.sandbox.lookalike;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Teams look-alike's routes: link → launcher → web client, the sign-in page, and links it does not know. */
class TeamsSiteTest {
    private final TeamsSite site = new TeamsSite();

    @Test void aMintedLinkLeadsThroughTheLauncherToItsMeeting() {
        LookalikeSite.Minted minted = site.mint(new SecureRandom());
        assertTrue(minted.url().matches("https://teams\\.microsoft\\.com/l/meetup-join/19%3ameeting_[A-Za-z0-9]+%40thread\\.v2/0"
                + "\\?context=%7b%22Tid%22%3a%22[0-9a-f-]{36}%22%2c%22Oid%22%3a%22[0-9a-f-]{36}%22%7d"), minted.url());
        LookalikeMeeting meeting = new LookalikeMeeting("room-1", minted.meetingKey(), "teams", "mix", "ws://127.0.0.1:1",
                true, false, "");
        LookalikeSite.Lookup lookup = key -> key.equals(minted.meetingKey()) ? Optional.of(meeting) : Optional.empty();

        URI link = URI.create(minted.url());
        LookalikeSite.Page redirect = site.serve(new LookalikeSite.Request("teams.microsoft.com", link.getPath(),
                Map.of("context", "{\"Tid\":\"t\",\"Oid\":\"o\"}")), lookup).orElseThrow();
        assertEquals(302, redirect.status());
        URI launcher = URI.create("https://teams.microsoft.com" + redirect.headers().get("Location"));
        assertEquals("/dl/launcher/launcher.html", launcher.getPath());

        String route = java.net.URLDecoder.decode(launcher.getRawQuery().replaceFirst("^url=([^&]*).*$", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        LookalikeSite.Page page = site.serve(new LookalikeSite.Request("teams.microsoft.com", launcher.getPath(),
                Map.of("url", route)), lookup).orElseThrow();
        assertEquals(200, page.status());
        assertTrue(page.body().contains("\"room\":\"room-1\""), "the web client is not given its meeting");
        assertTrue(page.body().contains("Continue on this browser") && page.body().contains("prejoin-join-button"));
    }

    @Test void anUnknownMeetingSaysTheLinkIsIncorrect() {
        LookalikeSite.Page page = site.serve(new LookalikeSite.Request("teams.microsoft.com", "/dl/launcher/launcher.html",
                Map.of("url", "/_#/l/meetup-join/19%3ameeting_bm9wZQ%40thread.v2/0")), key -> Optional.empty()).orElseThrow();
        assertTrue(page.body().contains("Looks like the meeting URL is incorrect"));
        assertFalse(page.body().contains("__SANDBOX__"));
    }

    @Test void theSignInHostShowsTheMicrosoftSignInForm() {
        LookalikeSite.Page page = site.serve(new LookalikeSite.Request("login.microsoftonline.com",
                "/common/oauth2/v2.0/authorize", Map.of()), key -> Optional.empty()).orElseThrow();
        assertTrue(page.body().contains("name=\"loginfmt\""));
    }

    @Test void otherPathsAreNotFound() {
        assertTrue(site.serve(new LookalikeSite.Request("teams.microsoft.com", "/favicon.ico", Map.of()),
                key -> Optional.empty()).isEmpty());
    }
}
