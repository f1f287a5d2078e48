package dev.baas.adapter.zoom;

import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.Plugins;
import dev.baas.tck.MeetingUrlCorpus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine takes the first platform that recognises a link, so two platforms claiming one would pick at random. */
class NoUrlClaimedTwiceTest {
    private static final Map<String, String> CORPORA = Map.of(
            "meet", "meet-url-corpus.txt", "teams", "teams-url-corpus.txt", "zoom", "zoom-url-corpus.txt");

    private final Map<String, MeetingPlatform> platforms = Plugins.platforms(getClass().getClassLoader());

    /** The sandbox's own platform is on this test's class path too (the look-alike TCK runs on it). */
    @Test
    void theThreePlatformsLoadTogetherUnderDistinctNames() {
        assertEquals(Set.of("meet", "teams", "zoom", "sandbox"), platforms.keySet());
    }

    @Test
    void everyCorpusLinkAndCanonicalUrlIsClaimedByAtMostItsOwnPlatform() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var corpus : CORPORA.entrySet()) {
            for (MeetingUrlCorpus.Line line : MeetingUrlCorpus.load(getClass().getClassLoader(), corpus.getValue()).lines()) {
                Optional<String> owner = line.accepted() ? Optional.of(corpus.getKey()) : Optional.empty();
                checked += check(corpus.getValue() + " " + line, line.input(), owner, problems);
                if (line.accepted()) {
                    String canonical = line.expected().orElseThrow().url();
                    checked += check("canonical of " + corpus.getValue() + " " + line, canonical, owner, problems);
                }
            }
        }
        assertTrue(checked > 250, "only " + checked + " links checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Corrupted links (a seeded random edit of each corpus input) still have at most one owner. */
    @Test
    void corruptedLinksAreClaimedByAtMostOnePlatform() {
        String alphabet = "/?#@%:.-_=&\"'<> \\aZ09\u00e9";
        Random random = new Random(20261125L);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String resource : CORPORA.values()) {
            for (MeetingUrlCorpus.Line line : MeetingUrlCorpus.load(getClass().getClassLoader(), resource).lines()) {
                for (int i = 0; i < 40 && !line.input().isEmpty(); i++) {
                    StringBuilder edited = new StringBuilder(line.input());
                    int at = random.nextInt(edited.length());
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> edited.insert(at, c);
                        case 1 -> edited.deleteCharAt(at);
                        default -> edited.setCharAt(at, c);
                    }
                    checked += check(resource + " " + line + " edited to " + edited, edited.toString(), Optional.empty(), problems);
                }
            }
        }
        assertTrue(checked > 10_000, "only " + checked + " links checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private int check(String label, String input, Optional<String> owner, List<String> problems) {
        List<String> claimedBy = new ArrayList<>();
        platforms.forEach((name, platform) -> platform.parse(input).map(MeetingRef::platform).ifPresent(p -> claimedBy.add(name)));
        if (claimedBy.size() > 1) problems.add(label + " claimed by " + claimedBy);
        if (owner.isPresent() && !claimedBy.equals(List.of(owner.get()))) {
            problems.add(label + " should be claimed by " + owner.get() + " alone, was " + claimedBy);
        }
        return 1;
    }
}
