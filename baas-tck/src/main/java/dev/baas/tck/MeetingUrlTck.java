package dev.baas.tck;

import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.PastedUrl;
import dev.baas.spi.Plugins;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rules for a platform's meeting URL recognition. A platform's test extends this, supplies the platform and names
 * its corpus (see {@link MeetingUrlCorpus} for the format); each rule's method name is its id.
 */
public abstract class MeetingUrlTck {
    /** Enough shapes that a corpus covers variants, not just the happy path. */
    public static final int MINIMUM_SHAPES = 50;

    protected abstract MeetingPlatform platform();

    /** Class-path resource of this platform's corpus. */
    protected abstract String corpusResource();

    protected final MeetingUrlCorpus corpus() {
        return MeetingUrlCorpus.load(getClass().getClassLoader(), corpusResource());
    }

    /** Every line of the corpus is recognised, or refused, exactly as written. */
    @TestFactory
    Stream<DynamicTest> required_url101_everyCorpusLineParsesAsWritten() {
        MeetingPlatform platform = platform();
        return corpus().lines().stream().map(line -> DynamicTest.dynamicTest(line.toString(), () -> {
            Optional<MeetingRef> actual = parse(platform, line.input());
            Optional<MeetingRef> expected = line.expected().map(e -> e.ref(platform.name()));
            assertEquals(expected, actual, line.toString());
        }));
    }

    /** The corpus is large and has both links the platform takes and links it must refuse. */
    @Test
    void required_url102_corpusHasEnoughValidAndInvalidShapes() {
        List<MeetingUrlCorpus.Line> lines = corpus().lines();
        long accepted = lines.stream().filter(MeetingUrlCorpus.Line::accepted).count();
        assertTrue(lines.size() >= MINIMUM_SHAPES, "only " + lines.size() + " shapes; want " + MINIMUM_SHAPES);
        assertTrue(accepted >= MINIMUM_SHAPES / 3, "only " + accepted + " accepted shapes");
        assertTrue(lines.size() - accepted >= MINIMUM_SHAPES / 3, "only " + (lines.size() - accepted) + " refused shapes");
    }

    /** A canonical URL is itself recognised as the same meeting, so normalising twice changes nothing. */
    @Test
    void required_url103_canonicalUrlIsAFixedPoint() {
        MeetingPlatform platform = platform();
        for (MeetingUrlCorpus.Line line : corpus().lines()) {
            Optional<MeetingRef> first = parse(platform, line.input());
            if (first.isEmpty()) continue;
            assertEquals(first, parse(platform, first.get().url()), "canonical URL of " + line);
            assertTrue(first.get().url().startsWith("https://"), "canonical URL must be https: " + first.get().url());
            assertEquals(platform.name(), first.get().platform(), line.toString());
        }
    }

    /** Odd input (null, empty, over-long, every cut and corruption of a real link) is refused or parsed, never thrown. */
    @Test
    void required_url104_oddInputNeverThrows() {
        MeetingPlatform platform = platform();
        List<String> odd = new ArrayList<>(List.of("", " ", "\u0000", "%", "%%", "https://", "://", "?", "#", "@"));
        odd.add("a".repeat(PastedUrl.MAX_LENGTH * 4));
        for (MeetingUrlCorpus.Line line : corpus().lines()) {
            String in = line.input();
            for (int cut = 0; cut < in.length(); cut += Math.max(1, in.length() / 24)) {
                odd.add(in.substring(0, cut));
                odd.add(in.substring(cut));
                odd.add(in.substring(0, cut) + "%" + in.substring(cut));
                odd.add(in.substring(0, cut) + "\uFFFF" + in.substring(cut));
            }
        }
        try {
            platform.parse(null);
        } catch (RuntimeException e) {
            fail("parse(null) threw " + e);
        }
        for (String in : odd) parse(platform, in);
    }

    /** Links far longer than any invite are refused, even when they start like a real one. */
    @Test
    void required_url105_overLongInputIsRefused() {
        MeetingPlatform platform = platform();
        for (MeetingUrlCorpus.Line line : corpus().lines()) {
            if (!line.accepted()) continue;
            String padded = line.input() + (line.input().contains("?") ? "&" : "?") + "x=" + "a".repeat(PastedUrl.MAX_LENGTH);
            assertEquals(Optional.empty(), parse(platform, padded), "over-long form of " + line);
        }
    }

    /** The platform is found by {@link java.util.ServiceLoader} under its name, as the engine will look it up. */
    @Test
    void required_url106_platformIsRegisteredForServiceLoader() {
        MeetingPlatform platform = platform();
        MeetingPlatform found = Plugins.platforms(getClass().getClassLoader()).get(platform.name());
        assertTrue(found != null, "no MeetingPlatform named '" + platform.name() + "' in META-INF/services");
        assertEquals(platform.getClass(), found.getClass());
    }

    private static Optional<MeetingRef> parse(MeetingPlatform platform, String input) {
        try {
            Optional<MeetingRef> ref = platform.parse(input);
            if (ref == null) throw new AssertionError("parse returned null for " + MeetingUrlCorpus.printable(input));
            return ref;
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + MeetingUrlCorpus.printable(input), e);
        }
    }
}
