package dev.baas.server.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every code block of the README and the guides is checked by a test, or says why not. The line before a block names
 * how: {@code <!-- snippet: NAME -->} (Java equal to the region between {@code // docs:begin NAME} and
 * {@code // docs:end} in this package, so it compiles), {@code <!-- embedding-example -->} (the README's embedding
 * example, compiled in baas-core), {@code <!-- services-file: INTERFACE -->} (a ServiceLoader file naming a class of
 * this package that implements INTERFACE), or {@code <!-- unchecked: REASON -->}. A block without one fails.
 */
class DocsSnippetsTest {
    static final Path DOCS = Path.of("..", "docs");
    static final Path README = Path.of("..", "README.md");
    static final Path SOURCES = Path.of("src", "test", "java", "dev", "baas", "server", "docs");
    static final Path EMBEDDING = Path.of("..", "baas-core", "src", "test", "java", "dev", "baas", "core", "ReadmeEmbeddingExample.java");
    static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\n(.*?)^```");
    static final Pattern MARKER = Pattern.compile("<!-- (snippet|embedding-example|services-file|unchecked)(?::\\s*(.*?))? -->");
    static final Pattern REGION = Pattern.compile("// docs:begin ([\\w-]+)\n(.*?)// docs:end", Pattern.DOTALL);
    static final Pattern BAAS_COMMAND = Pattern.compile("(?m)^\\./baas (\\w+)");

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

    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(README));
        try (Stream<Path> guides = Files.list(DOCS)) {
            guides.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everyCodeBlockIsCheckedByATestOrSaysWhyNot() throws Exception {
        Map<String, String> regions = regions();
        List<String> used = new ArrayList<>();
        int blocks = 0;
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher m = FENCE.matcher(text);
            while (m.find()) {
                blocks++;
                String lang = m.group(1);
                String code = m.group(2);
                String before = text.substring(0, m.start()).stripTrailing();
                String previous = before.substring(before.lastIndexOf('\n') + 1).strip();
                String where = doc.getFileName() + " line " + (before.lines().count() + 1);
                Matcher marker = MARKER.matcher(previous);
                assertTrue(marker.matches(), where + ": a code block no test checks; put <!-- snippet: NAME --> (compiled), "
                        + "<!-- services-file: INTERFACE --> or <!-- unchecked: REASON --> on the line before it:\n" + code);
                String arg = marker.group(2) == null ? "" : marker.group(2).strip();
                switch (marker.group(1)) {
                    case "snippet" -> {
                        assertEquals("java", lang, where);
                        assertNotNull(regions.get(arg), where + ": no // docs:begin " + arg + " region in " + SOURCES);
                        assertEquals(normalise(regions.get(arg)), normalise(code), where + ": snippet " + arg + " differs from its compiled code");
                        used.add(arg);
                    }
                    case "embedding-example" -> {
                        String source = Files.readString(EMBEDDING);
                        String compiled = source.substring(source.indexOf("// README:begin") + "// README:begin".length(), source.indexOf("// README:end"));
                        assertEquals(normalise(compiled), normalise(code), where + ": the embedding example differs from " + EMBEDDING);
                    }
                    case "services-file" -> {
                        String name = code.strip();
                        Class<?> type = Class.forName(DocsSnippetsTest.class.getPackageName() + name.substring(name.lastIndexOf('.')));
                        assertTrue(Class.forName(arg).isAssignableFrom(type), where + ": " + type + " is not a " + arg);
                        assertTrue(before.contains("META-INF/services/" + arg), where + ": the text names the services file " + arg);
                    }
                    case "unchecked" -> assertTrue(arg.length() >= 10, where + ": an unchecked block says why");
                    default -> fail(marker.group(1));
                }
                Matcher command = BAAS_COMMAND.matcher(code);
                String script = Files.readString(Path.of("..", "baas"));
                while (command.find()) {
                    assertTrue(script.contains("\n  " + command.group(1) + ")"), where + ": ./baas has no command " + command.group(1));
                }
            }
        }
        assertTrue(blocks >= 9, "the documents were read: " + blocks + " blocks");
        assertEquals(new java.util.TreeSet<>(regions.keySet()), new java.util.TreeSet<>(used), "every compiled region appears in a document once");
    }

    /** The README's webhook check accepts a signed delivery and refuses a tampered one. */
    @Test
    void theReadmeWebhookCheckWorks() {
        String secret = dev.baas.core.webhook.StandardWebhooks.newSecret();
        String body = "{\"event\":\"complete\"}";
        long now = java.time.Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(now),
                "webhook-signature", dev.baas.core.webhook.StandardWebhooks.sign(secret, "msg_1", now, body));
        assertTrue(WebhookVerifyExample.authentic(secret, headers, body));
        assertFalse(WebhookVerifyExample.authentic(secret, headers, body.replace("complete", "failed")));
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
