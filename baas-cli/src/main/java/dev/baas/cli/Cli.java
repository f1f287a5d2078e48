package dev.baas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code baas}: send bots into meetings and follow them from a terminal. */
@Command(name = "baas", mixinStandardHelpOptions = true, version = "baas 0.1",
        description = "Send meeting bots and read what they recorded, through a baas server.",
        subcommands = {Cli.Join.class, Cli.Leave.class, Cli.Bots.class, Cli.Status.class, Cli.Data.class, Cli.Download.class, Cli.Keys.class})
public final class Cli {
    @Option(names = "--server", description = "the server's URL (env BAAS_URL; default ${DEFAULT-VALUE})",
            defaultValue = "${env:BAAS_URL:-http://localhost:8080}", scope = CommandLine.ScopeType.INHERIT)
    String server;

    @Option(names = "--api-key", description = "your API key (env BAAS_API_KEY)", defaultValue = "${env:BAAS_API_KEY}",
            scope = CommandLine.ScopeType.INHERIT)
    String apiKey;

    Api api() { return new Api(server, apiKey); }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl.execute(args);
    }

    abstract static class Sub implements Callable<Integer> {
        @CommandLine.ParentCommand Cli parent;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        PrintWriter out() { return spec.commandLine().getOut(); }
    }

    @Command(name = "join", description = "Send a bot into a meeting.")
    static final class Join extends Sub {
        @Parameters(index = "0", paramLabel = "MEETING_URL") String url;
        @Option(names = {"-n", "--name"}, required = true, description = "the bot's name in the meeting") String name;
        @Option(names = "--image", description = "an http(s) URL of the bot's picture") String image;
        @Option(names = "--entry-message", description = "written in the chat when the bot is let in") String entryMessage;
        @Option(names = "--recording-mode", description = "speaker_view, gallery_view or audio_only") String mode;
        @Option(names = "--speech-to-text", description = "Default, Gladia or Runpod") String stt;
        @Option(names = "--webhook-url", description = "where this bot's webhooks go") String webhook;
        @Option(names = "--extra", description = "key=value kept with the bot and echoed in webhooks") Map<String, String> extra;
        @Option(names = "--wait", description = "follow the bot until it ends, with a live progress line") boolean await;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = Api.JSON.createObjectNode().put("meeting_url", url).put("bot_name", name);
            if (image != null) body.put("bot_image", image);
            if (entryMessage != null) body.put("entry_message", entryMessage);
            if (mode != null) body.put("recording_mode", mode);
            if (stt != null) body.put("speech_to_text", stt);
            if (webhook != null) body.put("webhook_url", webhook);
            if (extra != null) extra.forEach(body.putObject("extra")::put);
            String id = parent.api().post("/bots", body).path("bot_id").asText();
            out().println(id);
            if (!await) return 0;
            return new Follow(parent.api(), out()).until(id);
        }
    }

    @Command(name = "leave", description = "Ask a bot to leave its meeting.")
    static final class Leave extends Sub {
        @Parameters(paramLabel = "BOT_ID") String id;

        @Override
        public Integer call() {
            parent.api().delete("/bots/" + id);
            out().println("bot " + id + " is leaving");
            return 0;
        }
    }

    @Command(name = "status", description = "Show where a bot is; with --wait, follow it to the end.")
    static final class Status extends Sub {
        @Parameters(paramLabel = "BOT_ID") String id;
        @Option(names = "--wait") boolean await;

        @Override
        public Integer call() throws Exception {
            if (await) return new Follow(parent.api(), out()).until(id);
            JsonNode b = parent.api().get("/bots/" + id, Map.of());
            out().println(Follow.line(b, null));
            return 0;
        }
    }

    @Command(name = "bots", description = "List your bots, newest first.")
    static final class Bots extends Sub {
        @Option(names = "--limit", defaultValue = "20") int limit;
        @Option(names = "--cursor") String cursor;
        @Option(names = "--name", description = "only bots whose name contains this") String name;
        @Option(names = "--meeting-url", description = "only bots whose meeting URL contains this") String meeting;

        @Override
        public Integer call() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("limit", Integer.toString(limit));
            if (cursor != null) q.put("cursor", cursor);
            if (name != null) q.put("bot_name", name);
            if (meeting != null) q.put("meeting_url", meeting);
            JsonNode page = parent.api().get("/bots/bots_with_metadata", q);
            out().printf("%-36s  %-20s  %-24s  %s%n", "BOT", "NAME", "CREATED", "MEETING");
            for (JsonNode b : page.path("bots")) {
                out().printf("%-36s  %-20s  %-24s  %s%n", b.path("uuid").asText(), trim(b.path("bot_name").asText(), 20),
                        b.path("created_at").asText(), b.path("meeting_url").asText());
            }
            if (page.hasNonNull("next_cursor")) out().println("more: --cursor " + page.get("next_cursor").asText());
            return 0;
        }
    }

    @Command(name = "data", description = "Show what a bot recorded: files, duration, speakers, transcript.")
    static final class Data extends Sub {
        @Parameters(paramLabel = "BOT_ID") String id;
        @Option(names = "--transcript", description = "print the transcript with speaker names") boolean transcript;

        @Override
        public Integer call() {
            JsonNode d = parent.api().get("/bots/meeting_data", Map.of("bot_id", id, "include_transcripts", Boolean.toString(transcript)));
            out().println("bot       " + id);
            out().println("duration  " + d.path("duration").asLong() + " s");
            out().println("mp4       " + orNone(d.path("mp4").asText()));
            out().println("audio     " + orNone(d.path("audio").asText()));
            if (transcript) {
                JsonNode ts = d.path("bot_data").path("transcripts");
                if (ts.isEmpty()) out().println("(no transcript)");
                for (JsonNode t : ts) {
                    StringBuilder words = new StringBuilder();
                    for (JsonNode w : t.path("words")) words.append(words.isEmpty() ? "" : " ").append(w.path("text").asText());
                    out().printf("[%s] %s: %s%n", clock(t.path("start_time").asDouble()), t.path("speaker").asText(), words);
                }
            }
            return 0;
        }
    }

    @Command(name = "download", description = "Download a bot's recording (mp4, or the audio with --audio).")
    static final class Download extends Sub {
        @Parameters(paramLabel = "BOT_ID") String id;
        @Option(names = "--audio") boolean audio;
        @Option(names = {"-o", "--output"}) Path output;

        @Override
        public Integer call() {
            JsonNode d = parent.api().get("/bots/meeting_data", Map.of("bot_id", id, "include_transcripts", "false"));
            String url = d.path(audio ? "audio" : "mp4").asText();
            if (url.isBlank()) throw new CliException("bot " + id + " has no " + (audio ? "audio" : "mp4") + " recording (yet)");
            Path to = output != null ? output : Path.of(id + (audio ? ".mp3" : ".mp4"));
            parent.api().download(url, to);
            out().println("saved " + to.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "keys", description = "Manage API keys.", subcommands = Keys.Create.class)
    static final class Keys {
        @Command(name = "create", description = "Create a new API key for your account; it is shown once.")
        static final class Create implements Callable<Integer> {
            @CommandLine.ParentCommand Keys keys;
            @CommandLine.Spec CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                Cli root = (Cli) spec.root().userObject();
                JsonNode k = root.api().post("/api_keys", Api.JSON.createObjectNode());
                spec.commandLine().getOut().println(k.path("api_key").asText());
                return 0;
            }
        }
    }

    /** Polls a bot and redraws one progress line until it ends. */
    static final class Follow {
        private static final List<String> TERMINAL = List.of("completed", "failed");
        private final Api api;
        private final PrintWriter out;

        Follow(Api api, PrintWriter out) {
            this.api = api;
            this.out = out;
        }

        int until(String id) throws InterruptedException {
            Instant start = Instant.now();
            String last = "";
            while (true) {
                JsonNode b = api.get("/bots/" + id, Map.of());
                String phase = b.path("phase").asText();
                String line = line(b, Duration.between(start, Instant.now()));
                if (!line.equals(last)) {
                    out.print("\r\033[2K" + line);
                    out.flush();
                    last = line;
                }
                if (TERMINAL.contains(phase)) {
                    out.println();
                    if (phase.equals("failed")) {
                        out.println("failed: " + b.path("error").path("code").asText() + " " + b.path("error").path("message").asText());
                        return 1;
                    }
                    return 0;
                }
                Thread.sleep(1000); // poll interval of the progress line
            }
        }

        static String line(JsonNode b, Duration elapsed) {
            StringBuilder s = new StringBuilder();
            s.append(b.path("phase").asText().replace('_', ' '));
            if (b.hasNonNull("status")) s.append(" (").append(b.path("status").path("code").asText()).append(')');
            if (elapsed != null) s.append("  ").append(clock(elapsed.toSeconds()));
            JsonNode participants = b.path("participants");
            if (participants.isArray()) s.append("  participants: ").append(participants.size());
            JsonNode speakers = b.path("speakers");
            if (speakers.isArray() && !speakers.isEmpty()) {
                StringBuilder names = new StringBuilder();
                speakers.forEach(n -> names.append(names.isEmpty() ? "" : ", ").append(n.asText()));
                s.append("  speakers: ").append(names);
            }
            return s.toString();
        }
    }

    static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    static String orNone(String s) { return s == null || s.isBlank() ? "(none yet)" : s; }

    static String trim(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }
}
