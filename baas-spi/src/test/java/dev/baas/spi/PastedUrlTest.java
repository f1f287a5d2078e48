package dev.baas.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PastedUrlTest {
    @Test
    void splitsAndDecodesTheParts() {
        PastedUrl url = PastedUrl.parse("  <HTTPS://Example.TEST./a%20b/c/?x=1&y=%7B%22k%22%7D&flag#/route?z=2>  ").orElseThrow();
        assertEquals("https", url.scheme());
        assertEquals("example.test", url.host());
        assertEquals(List.of("a b", "c"), url.segments());
        assertEquals(Optional.of("{\"k\"}"), url.param("Y"));
        assertEquals(Optional.of(""), url.param("flag"));
        assertEquals("/route?z=2", url.fragment());
    }

    @Test
    void aMissingSchemeMeansHttpsAndAPortIsNotAScheme() {
        assertEquals("https", PastedUrl.parse("example.test/a").orElseThrow().scheme());
        assertEquals("example.test", PastedUrl.parse("example.test:443/a").orElseThrow().host());
        assertEquals(Optional.empty(), PastedUrl.parse("example.test:8443/a"));
    }

    @Test
    void unwrapsRedirectorsUpToThreeDeepAndNoFurther() {
        String target = "https://example.test/room";
        String once = "https://www.google.com/url?q=" + encode(target);
        String twice = "https://eur01.safelinks.protection.outlook.com/?url=" + encode(once) + "&data=05";
        String thrice = "https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=" + encode(twice);
        String four = "https://google.com/url?url=" + encode(thrice);
        for (String wrapped : List.of(once, twice, thrice)) {
            assertEquals(List.of("room"), PastedUrl.parse(wrapped).orElseThrow().segments(), wrapped);
        }
        assertEquals(Optional.empty(), PastedUrl.parse(four));
    }

    @Test
    void aRedirectorWithoutItsTargetIsNotALink() {
        assertEquals(Optional.empty(), PastedUrl.parse("https://www.google.com/url?sa=D"));
        assertEquals(Optional.empty(), PastedUrl.parse("https://nam12.safelinks.protection.outlook.com/?url=relative/path"));
    }

    @Test
    void refusesWhatHidesTheRealHostOrASecondLink() {
        for (String trick : List.of("https://example.test@evil.test/", "https://evil.test\\@example.test/",
                "https://example.test/?next=https://evil.test", "https://example.test/?n=https%25253A%25252F%25252Fevil.test",
                "https://example.test/a b", "https://ex\u0430mple.test/", "https://example.test/%zz", "https://example.test/../x",
                "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//example.test/", "https://localhost/",
                "https://example.test/?x=javascript:alert(1)", "https://example%2etest/")) {
            assertEquals(Optional.empty(), PastedUrl.parse(trick), trick);
        }
    }

    @Test
    void overLongInputIsRefusedUnread() {
        assertEquals(Optional.empty(), PastedUrl.parse("https://example.test/" + "a".repeat(PastedUrl.MAX_LENGTH)));
        assertTrue(PastedUrl.parse("https://example.test/" + "a".repeat(100)).isPresent());
    }

    @Test
    void resolvesAClientSideRouteOnTheSameHost() {
        PastedUrl url = PastedUrl.parse("https://example.test/v2/#/l/x%3Ay?z=1").orElseThrow();
        PastedUrl route = url.resolve(url.fragment()).orElseThrow();
        assertEquals("example.test", route.host());
        assertEquals(List.of("l", "x:y"), route.segments());
        assertEquals(Optional.empty(), url.resolve("//evil.test/x"));
        assertEquals(Optional.empty(), url.resolve("x"));
    }

    @Test
    void subdomainsAreFoundOnlyUnderTheWholeDomain() {
        PastedUrl url = PastedUrl.parse("https://acme.zoom.us/j/1").orElseThrow();
        assertEquals(Optional.of("acme"), url.subdomainOf("zoom.us"));
        assertEquals(Optional.empty(), PastedUrl.parse("https://evilzoom.us/").orElseThrow().subdomainOf("zoom.us"));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
