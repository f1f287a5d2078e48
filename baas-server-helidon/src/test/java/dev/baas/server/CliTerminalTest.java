package dev.baas.server;

import dev.baas.sandbox.SandboxService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@code baas} command line as a person uses it in a terminal: it runs under {@code script}, so it has a real
 * pseudo-terminal, against a running server with the sandbox. {@code join --wait} redraws one progress line until the
 * meeting ends; then {@code bots}, {@code data --transcript} and {@code download} read what the bot recorded.
 */
class CliTerminalTest {
    static final String KEY = "cli-key-" + System.nanoTime();
    @TempDir static Path data;
    static BaasServer server;

    record Run(int exit, String output) {}

    @BeforeAll
    static void start() {
        server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(KEY).withWebhookAllowPrivate(true).withSandbox(true));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** Runs {@code baas <args>} in a pseudo-terminal and returns what the terminal showed. */
    static Run baas(String key, String... args) throws IOException, InterruptedException {
        StringBuilder cmd = new StringBuilder(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
                .append(" -cp ").append(quote(System.getProperty("java.class.path"))).append(" dev.baas.cli.Cli")
                .append(" --server ").append(quote("http://127.0.0.1:" + server.port()))
                .append(" --api-key ").append(quote(key));
        for (String a : args) cmd.append(' ').append(quote(a));
        Process p = new ProcessBuilder("script", "-qfec", cmd.toString(), "/dev/null").directory(data.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "baas " + String.join(" ", args) + " did not end");
        // what the terminal showed, kept as a test artifact to read (control sequences included)
        Path log = Path.of("target", "terminal", "baas-" + args[0] + ".txt");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ baas " + String.join(" ", args) + "\n" + out + "\n[exit " + p.exitValue() + "]\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new Run(p.exitValue(), out);
    }

    static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    @Test
    void joinFollowsTheBotLiveAndTheOtherCommandsReadWhatItRecorded() throws Exception {
        // created in process: starting the participants' browsers can outlast an HTTP client's patience on a busy machine
        SandboxService.CreatedMeeting meeting = server.sandbox().orElseThrow().create("""
                {"participants":[{"name":"Alice","says":["Hello Bob, shall we review the budget today?"]},{"name":"Bob","says":[]}],
                 "end_after_s":30}
                """);

        Run join = baas(KEY, "join", meeting.meetingUrl(), "--name", "Terminal Bot", "--speech-to-text", "Default", "--wait");
        assertEquals(0, join.exit(), join.output());
        Matcher id = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})").matcher(join.output());
        assertTrue(id.find(), join.output());
        String botId = id.group(1);
        // one line redrawn in place: carriage return and erase-line before each state, with elapsed time and who is in
        assertTrue(join.output().contains("\r\033[2K"), join.output());
        assertTrue(Pattern.compile("in call recording \\(in_call_recording\\)  \\d\\d:\\d\\d  participants: [1-9]").matcher(join.output()).find(),
                join.output());
        assertTrue(join.output().contains("completed"), join.output());
        assertTrue(sandboxEnded(meeting.id()), "join --wait returned once the meeting had ended");

        Run bots = baas(KEY, "bots");
        assertEquals(0, bots.exit(), bots.output());
        assertTrue(bots.output().contains(botId) && bots.output().contains("Terminal Bot"), bots.output());

        Run transcript = baas(KEY, "data", botId, "--transcript");
        assertEquals(0, transcript.exit(), transcript.output());
        assertTrue(transcript.output().contains("mp4       http"), transcript.output());
        assertTrue(Pattern.compile("\\[\\d\\d:\\d\\d] Alice: \\S+").matcher(transcript.output()).find(), transcript.output());

        Run download = baas(KEY, "download", botId, "-o", "meeting.mp4");
        assertEquals(0, download.exit(), download.output());
        Path mp4 = data.resolve("meeting.mp4");
        assertTrue(download.output().contains("saved " + mp4.toAbsolutePath()), download.output());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(mp4), 12);
        assertEquals("ftyp", new String(head, 4, 4, StandardCharsets.US_ASCII), "an mp4 file");
    }

    @Test
    void aWrongKeyIsOneClearLineAndExitCodeOne() throws Exception {
        Run wrong = baas("not-a-key", "bots");
        assertEquals(1, wrong.exit(), wrong.output());
        List<String> lines = wrong.output().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), wrong.output());
        assertEquals("error: the API key was refused by the server (check --api-key or BAAS_API_KEY)", lines.getFirst().strip(), wrong.output());
    }

    private static boolean sandboxEnded(String meetingId) {
        return server.sandbox().orElseThrow().state(meetingId).ended();
    }
}
