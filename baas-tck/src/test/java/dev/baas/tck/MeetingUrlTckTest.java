package dev.baas.tck;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit must pass a correct platform and fail broken ones, each on the rule it breaks. */
class MeetingUrlTckTest {
    /** Recognises "https://rooms.test/<digits>" and nothing else. */
    static Optional<MeetingRef> correct(String url) {
        if (url == null) return Optional.empty();
        var m = java.util.regex.Pattern.compile("\\s*(?:https://)?rooms\\.test/(\\d{3,9})\\s*").matcher(url);
        return m.matches() ? Optional.of(MeetingRef.of("rooms", "https://rooms.test/" + m.group(1), m.group(1)))
                : Optional.empty();
    }

    record Rooms(Function<String, Optional<MeetingRef>> parser) implements MeetingPlatform {
        @Override public String name() { return "rooms"; }
        @Override public Optional<MeetingRef> parse(String url) { return parser.apply(url); }
        @Override public Set<Capability> capabilities() { return Set.of(); }
        @Override public MeetingSession open(SessionContext context) { throw new UnsupportedOperationException(); }
    }

    static class Kit extends MeetingUrlTck {
        private final MeetingPlatform platform;

        Kit(Function<String, Optional<MeetingRef>> parser) { platform = new Rooms(parser); }

        @Override protected MeetingPlatform platform() { return platform; }

        @Override protected String corpusResource() { return "rooms-url-corpus.txt"; }
    }

    @Test
    void aCorrectPlatformPassesTheCorpusRules() throws Throwable {
        Kit kit = new Kit(MeetingUrlTckTest::correct);
        for (DynamicTest test : kit.required_url101_everyCorpusLineParsesAsWritten().toList()) test.getExecutable().execute();
        kit.required_url102_corpusHasEnoughValidAndInvalidShapes();
        kit.required_url103_canonicalUrlIsAFixedPoint();
        kit.required_url104_oddInputNeverThrows();
        kit.required_url105_overLongInputIsRefused();
    }

    @Test
    void aPlatformThatClaimsEverythingFailsTheCorpus() {
        Kit kit = new Kit(url -> Optional.of(MeetingRef.of("rooms", "https://rooms.test/1", "1")));
        List<DynamicTest> tests = kit.required_url101_everyCorpusLineParsesAsWritten().toList();
        long failing = tests.stream().filter(t -> fails(t.getExecutable())).count();
        assertTrue(failing >= MeetingUrlTck.MINIMUM_SHAPES / 3, failing + " lines failed");
        assertThrows(AssertionFailedError.class, kit::required_url105_overLongInputIsRefused);
    }

    @Test
    void aPlatformThatThrowsOnOddInputFails() {
        Kit kit = new Kit(url -> {
            if (url.contains("%")) throw new IllegalArgumentException("bad escape");
            return correct(url);
        });
        assertThrows(AssertionError.class, kit::required_url104_oddInputNeverThrows);
    }

    @Test
    void aCanonicalUrlThatParsesDifferentlyFails() {
        Kit kit = new Kit(url -> correct(url).map(ref -> new MeetingRef("rooms", ref.url() + "0", ref.meetingId(),
                Optional.empty(), java.util.Map.of())));
        assertThrows(AssertionFailedError.class, kit::required_url103_canonicalUrlIsAFixedPoint);
    }

    @Test
    void corpusEscapesAndMistakesAreReadExactly() {
        MeetingUrlCorpus corpus = MeetingUrlCorpus.parse("test", "# c\n\\s\\tx\\u00A0\\\\ -> refused\na -> id=1 url=u passcode=p k=v\n");
        assertEquals(" \tx\u00A0\\", corpus.lines().get(0).input());
        MeetingUrlCorpus.Expected expected = corpus.lines().get(1).expected().orElseThrow();
        assertEquals(new MeetingRef("r", "u", "1", Optional.of("p"), java.util.Map.of("k", "v")), expected.ref("r"));
        assertThrows(IllegalArgumentException.class, () -> MeetingUrlCorpus.parse("test", "a -> url=u"));
        assertThrows(IllegalArgumentException.class, () -> MeetingUrlCorpus.parse("test", "a refused"));
        assertThrows(IllegalArgumentException.class, () -> MeetingUrlCorpus.parse("test", "a\\q -> refused"));
    }

    private static boolean fails(org.junit.jupiter.api.function.Executable executable) {
        try {
            executable.execute();
            return false;
        } catch (Throwable t) {
            return true;
        }
    }
}
