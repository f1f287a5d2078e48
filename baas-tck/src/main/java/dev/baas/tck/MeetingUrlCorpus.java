package dev.baas.tck;

import dev.baas.spi.MeetingRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's meeting URL corpus, read as data: one {@code input -> expectation} per line, where the expectation
 * is {@code refused} or {@code id=... url=... [passcode=...] [attribute=value ...]} (attributes listed in full).
 * Blank lines and lines starting with {@code #} are skipped. In the input, {@code \s}, {@code \t}, {@code \n},
 * {@code \r}, {@code \\} and {@code \}{@code uXXXX} stand for what they would in Java, so surrounding whitespace
 * and invisible characters can be written down.
 */
public record MeetingUrlCorpus(String source, List<Line> lines) {
    private static final String ARROW = " -> ";

    public MeetingUrlCorpus {
        lines = List.copyOf(lines);
    }

    /** One corpus line: what the user pasted and what the platform must make of it. */
    public record Line(int number, String input, Optional<Expected> expected) {
        public boolean accepted() { return expected.isPresent(); }

        @Override public String toString() { return "line " + number + ": " + printable(input); }
    }

    /** What a recognised link must normalise to. */
    public record Expected(String meetingId, String url, Optional<String> passcode, Map<String, String> attributes) {
        public Expected {
            attributes = Map.copyOf(attributes);
        }

        /** The reference the platform must return, for a platform of this name. */
        public MeetingRef ref(String platform) {
            return new MeetingRef(platform, url, meetingId, passcode, attributes);
        }
    }

    /** Reads a corpus from the class path; a malformed line fails loudly with its number. */
    public static MeetingUrlCorpus load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no corpus on the class path at " + resource);
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + resource, e);
        }
    }

    static MeetingUrlCorpus parse(String source, String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int arrow = line.lastIndexOf(ARROW);
            if (arrow < 0) throw malformed(source, i + 1, "no '" + ARROW.strip() + "'");
            String input = unescape(line.substring(0, arrow).strip(), source, i + 1);
            String expectation = line.substring(arrow + ARROW.length()).strip();
            lines.add(new Line(i + 1, input, expectation.equals("refused")
                    ? Optional.empty() : Optional.of(expected(expectation, source, i + 1))));
        }
        return new MeetingUrlCorpus(source, lines);
    }

    private static Expected expected(String expectation, String source, int number) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : expectation.split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) throw malformed(source, number, "'" + field + "' is not key=value");
            if (fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                throw malformed(source, number, "'" + field.substring(0, eq) + "' given twice");
            }
        }
        String id = fields.remove("id");
        String url = fields.remove("url");
        if (id == null || url == null) throw malformed(source, number, "an accepted line needs id= and url=");
        return new Expected(id, url, Optional.ofNullable(fields.remove("passcode")), fields);
    }

    private static String unescape(String s, String source, int number) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= s.length()) throw malformed(source, number, "dangling backslash");
            char e = s.charAt(++i);
            switch (e) {
                case 's' -> out.append(' ');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 >= s.length()) throw malformed(source, number, "short \\u escape");
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw malformed(source, number, "unknown escape \\" + e);
            }
        }
        return out.toString();
    }

    /** The input with invisible and non-ASCII characters spelled out, for test names and messages. */
    static String printable(String input) {
        StringBuilder out = new StringBuilder();
        input.chars().forEach(c -> {
            if (c == ' ') out.append("\\s");
            else if (c < 0x20 || c >= 0x7F) out.append(String.format("\\u%04x", c));
            else out.append((char) c);
        });
        String s = out.toString();
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }

    private static IllegalArgumentException malformed(String source, int number, String why) {
        return new IllegalArgumentException(source + " line " + number + ": " + why);
    }
}
