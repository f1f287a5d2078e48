package dev.baas.adapter.zoom;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZoomPageTest {
    private static String webClient(String link) { return ZoomPage.webClientUrl(ZoomUrls.parse(link).orElseThrow()); }

    @Test void invitesOpenTheReactWebClientWithTheirPasscode() {
        assertEquals("https://app.zoom.us/wc/84512345678/join?pwd=aBc123",
                webClient("https://us02web.zoom.us/j/84512345678?pwd=aBc123#success"));
        assertEquals("https://app.zoom.us/wc/84512345678/join", webClient("https://zoom.us/j/84512345678"));
        assertEquals("https://app.zoom.us/wc/84512345678/join?pwd=x1",
                webClient("https://app.zoom.us/wc/join/84512345678?pwd=x1"));
    }

    @Test void vanityHostsAndRegistrantTokensAreKept() {
        assertEquals("https://acme.zoom.us/wc/84512345678/join?pwd=p&tk=T0k",
                webClient("https://acme.zoom.us/j/84512345678?tk=T0k&pwd=p"));
        assertEquals("https://acme.zoom.us/wc/84512345678/join?tk=T0k", webClient("https://acme.zoom.us/j/84512345678?tk=T0k"));
    }

    @Test void personalLinksAreLeftToZoom() {
        assertEquals("https://zoom.us/my/jane.doe", webClient("https://zoom.us/my/jane.doe"));
    }

    @Test void chatRowsNameTheirSenderAndKeepColonsInTheText() {
        Pattern row = Pattern.compile(ZoomPage.CHAT_ROW_PATTERN, Pattern.DOTALL);
        Matcher m = row.matcher("Alice Smith said to Everyone at 3:04 PM: agenda: budget, hiring");
        assertTrue(m.matches());
        assertEquals("Alice Smith", m.group(1));
        assertEquals("agenda: budget, hiring", m.group(2));
        Matcher h24 = row.matcher("Bob said to Everyone at 15:04: ok");
        assertTrue(h24.matches());
        assertEquals("ok", h24.group(2));
        assertFalse(row.matcher("Alice joined the meeting").matches());
    }

    @Test void theObserverGetsEverySelectorFromThisClass() {
        String script = ZoomPage.observerScript();
        assertFalse(script.contains("__ZOOM_DOM__"));
        assertTrue(script.contains(ZoomPage.COOKIE_ACCEPT) && script.contains("Please wait, the meeting host will let you in soon"));
    }
}
