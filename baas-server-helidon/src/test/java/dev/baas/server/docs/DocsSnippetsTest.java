package dev.baas.server.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every Java block in the extension guides is code that compiles with these tests: a block follows a
 * {@code <!-- snippet: NAME -->} line and equals the region between {@code // docs:begin NAME} and {@code // docs:end}
 * in this package.
 */
class DocsSnippetsTest {
    static final Path DOCS = Path.of("..", "docs");
    static final Path SOURCES = Path.of("src", "test", "java", "dev", "baas", "server", "docs");
    static final Pattern BLOCK = Pattern.compile("(?:<!-- snippet: ([\\w-]+) -->\\s*)?```java\\n(.*?)```", Pattern.DOTALL);
    static final Pattern REGION = Pattern.compile("// docs:begin ([\\w-]+)\\n(.*?)// docs:end", Pattern.DOTALL);

    static String normalise(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }

    static Map<String, String> regions() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REGION.matcher(Files.readString(f));
                while (m.find()) assertNull(out.put(m.group(1), m.group(2)), "region " + m.group(1) + " is defined twice");
            }
        }
        return out;
    }

    @Test
    void everyJavaBlockInTheGuidesIsCompiledCode() throws IOException {
        Map<String, String> regions = regions();
        int checked = 0;
        for (String guide : List.of("writing-a-platform-adapter.md", "writing-a-speech-to-text-provider.md")) {
            Matcher m = BLOCK.matcher(Files.readString(DOCS.resolve(guide)));
            while (m.find()) {
                assertNotNull(m.group(1), guide + ": a java block without a <!-- snippet: NAME --> line:\n" + m.group(2));
                String region = regions.get(m.group(1));
                assertNotNull(region, guide + ": no // docs:begin " + m.group(1) + " region in " + SOURCES);
                assertEquals(normalise(region), normalise(m.group(2)), guide + ": snippet " + m.group(1) + " differs from its compiled code");
                checked++;
            }
        }
        assertEquals(regions.size(), checked, "every compiled region appears in a guide once");
    }

    @Test
    void theReadmeLinksBothGuides() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("](docs/writing-a-platform-adapter.md)"), "README links the adapter guide");
        assertTrue(readme.contains("](docs/writing-a-speech-to-text-provider.md)"), "README links the speech-to-text guide");
    }

    /** The guide's example adapter does what the guide says: recognises its URLs, keeps the passcode, rejects others. */
    @Test
    void theExampleAdapterParsesItsUrls() {
        AcmePlatform acme = new AcmePlatform();
        var ref = acme.parse(" https://meet.acme.example/r/abc-123?pwd=s3cret ").orElseThrow();
        assertEquals("https://meet.acme.example/r/abc-123", ref.url());
        assertEquals("abc-123", ref.meetingId());
        assertEquals("s3cret", ref.passcode().orElseThrow());
        assertTrue(acme.parse("https://meet.google.com/abc-defg-hij").isEmpty());
        assertTrue(acme.parse(null).isEmpty());
    }
}
