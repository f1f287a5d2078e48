package dev.baas.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.spi.BaasException;
import dev.baas.sandbox.lookalike.LookalikeMeeting;
import dev.baas.sandbox.lookalike.LookalikeSite;
import dev.baas.sandbox.lookalike.LookalikeSites;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MediaSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small real meeting service on loopback: meeting pages over HTTP, signalling over a WebSocket, WebRTC between
 * real Chromium pages, a host who admits, denies, removes and ends, and scripted participants who speak. It is
 * the stand-in platform for tests, demos and benchmarks; the HTTP server exposes it under {@code /sandbox/...}.
 */
public final class SandboxService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = resource("meeting.html");
    private static final String RELAY = resource("relay.html");
    private static final String CALL = resource("sandbox-call.js");
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration LINE_GAP = Duration.ofMillis(700);

    /** Where the service listens, how its participants' browser starts, and the look-alikes it serves. */
    public record Settings(int httpPort, BrowserSettings participantsBrowser, Clock clock, List<LookalikeSite> sites) {
        public Settings {
            sites = List.copyOf(sites);
        }

        public static Settings defaults() {
            return new Settings(0, BrowserSettings.defaults().withBotsPerBrowser(20), Clock.systemUTC(),
                    LookalikeSites.all());
        }

        public Settings withSites(List<LookalikeSite> s) { return new Settings(httpPort, participantsBrowser, clock, s); }
    }

    /** A created meeting: its id and the URL a bot (or a person) joins. */
    public record CreatedMeeting(String id, String meetingUrl) {}

    private final Settings settings;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ScriptedParticipant>> participants = new ConcurrentHashMap<>();
    private final Signaling signaling;
    private final HttpServer http;
    private final LookalikeServer lookalikes;
    private final Map<String, String> roomByKey = new ConcurrentHashMap<>(); // "<platform>/<meeting key>" -> room id
    private final Map<String, String> passcodes = new ConcurrentHashMap<>();
    private final Map<String, BotPage> relays = new ConcurrentHashMap<>();
    private final BrowserRuntime browser;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sandbox-scheduler").daemon(true).factory());
    private final SecureRandom random = new SecureRandom();

    private SandboxService(Settings settings) throws IOException {
        this.settings = settings;
        this.signaling = new Signaling(rooms);
        signaling.startAndWait();
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.httpPort()), 0);
        http.createContext("/m/", this::servePage);
        http.createContext("/relay/", this::serveRelay);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        this.lookalikes = new LookalikeServer(settings.sites(), this::lookup);
        BrowserSettings participants = settings.participantsBrowser();
        List<String> args = new ArrayList<>(participants.extraArgs());
        args.add(lookalikes.hostResolverRules());
        this.browser = BrowserRuntime.start(participants.withExtraArgs(args));
    }

    public static SandboxService start(Settings settings) {
        try {
            return new SandboxService(settings);
        } catch (IOException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "sandbox could not listen on port " + settings.httpPort(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: meeting URLs are {@code <base>/m/<id>}. */
    public String baseUrl() { return "http://127.0.0.1:" + http.getAddress().getPort(); }

    /**
     * The Chromium flag that sends the real platforms' host names to the look-alikes; a browser that should join
     * look-alike meetings by their real URLs starts with it (and ignores certificate errors, as the runtime does).
     */
    public String hostResolverRules() { return lookalikes.hostResolverRules(); }

    /** The process markers of the scripted participants' browsers (to tell their cost from the bots'). */
    public List<String> participantBrowserMarkers() { return browser.browserMarkers(); }

    /** The platforms whose look-alikes this sandbox serves, besides its own page. */
    public List<String> lookalikePlatforms() { return settings.sites().stream().map(LookalikeSite::platform).toList(); }

    public CreatedMeeting create(String specJson) { return create(MeetingSpec.fromJson(specJson)); }

    /** Creates the meeting and returns once every scripted participant is in the call. */
    public CreatedMeeting create(MeetingSpec spec) {
        String id = newMeetingId();
        String url = baseUrl() + "/m/" + id;
        if (!spec.platform().equals("sandbox")) {
            LookalikeSite site = settings.sites().stream().filter(x -> x.platform().equals(spec.platform())).findFirst().orElseThrow(() -> BaasException.invalid("platform",
                    "this sandbox has no look-alike of " + spec.platform()));
            LookalikeSite.Minted minted = site.mint(random);
            url = minted.url();
            roomByKey.put(site.platform() + "/" + minted.meetingKey(), id);
            passcodes.put(id, minted.passcode());
        }
        byte[] key = new byte[16];
        random.nextBytes(key);
        Room room = new Room(id, url, spec, HexFormat.of().formatHex(key), settings.clock(),
                guest -> {
                    if (spec.autoAdmit())
                        scheduler.schedule(() -> rooms.get(id).admitPeer(guest.id), spec.admitDelay().toMillis(), TimeUnit.MILLISECONDS);
                },
                guest -> firstGuestAdmitted(id));
        rooms.put(id, room);
        participants.put(id, new ConcurrentHashMap<>());
        if (room.relayed()) startRelay(room);
        spec.endAfter().ifPresent(d -> scheduler.schedule(() -> end(id), d.toMillis(), TimeUnit.MILLISECONDS));
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (MeetingSpec.ParticipantSpec p : spec.participants()) joined.add(startParticipant(room, p.name()));
        await(CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)), "participants of meeting " + id + " to join");
        return new CreatedMeeting(id, url);
    }

    public void admit(String meetingId, String name) { room(meetingId).admit(name); }

    public void deny(String meetingId, String name) { room(meetingId).deny(name); }

    public void remove(String meetingId, String name) { room(meetingId).remove(name); }

    /** The sandbox's own page of a meeting, on loopback, for a person's browser (look-alike URLs need host mapping). */
    public String pageUrl(String meetingId) { return baseUrl() + "/m/" + room(meetingId).id; }

    /** The host arrives in a meeting created with {@code host_present: false}. */
    public void startHost(String meetingId) { room(meetingId).startHost(); }

    /** Ends the meeting for everyone and lets its scripted participants go. */
    public void end(String meetingId) {
        room(meetingId).end();
        Map<String, ScriptedParticipant> ps = participants.get(meetingId);
        if (ps != null) {
            ps.values().forEach(ScriptedParticipant::close);
            ps.clear();
        }
        BotPage relay = relays.remove(meetingId);
        if (relay != null) relay.close();
    }

    public MeetingState state(String meetingId) { return room(meetingId).state(); }

    /** A new scripted participant joins; returns once it is in the call. */
    public void addParticipant(String meetingId, String name) {
        await(startParticipant(room(meetingId), name), name + " to join meeting " + meetingId);
    }

    /** The scripted participant leaves the call with the Leave button. */
    public void removeParticipant(String meetingId, String name) {
        ScriptedParticipant p = participant(meetingId, name);
        p.leave();
        participants.get(meetingId).remove(name);
        p.close();
    }

    /** The participant says {@code text} (espeak-ng); returns once the audio started playing into the meeting. */
    public Utterance say(String meetingId, String participant, String text) {
        return participant(meetingId, participant).say(text);
    }

    /** The participant plays mono 16-bit PCM into the meeting. */
    public Utterance play(String meetingId, String participant, short[] pcm, int sampleRate) {
        return participant(meetingId, participant).say("(audio)", pcm, sampleRate);
    }

    /** The scripted participant writes {@code text} in the meeting's chat. */
    public void chat(String meetingId, String participant, String text) {
        participant(meetingId, participant).chat(text);
    }

    /** How loud the meeting sounded to the participant since {@code since}. */
    public Heard heard(String meetingId, String participant, Instant since) {
        return participant(meetingId, participant).heardSince(since);
    }

    @Override public void close() {
        for (String id : List.copyOf(rooms.keySet())) end(id);
        scheduler.shutdownNow();
        browser.close();
        http.stop(0);
        lookalikes.close();
        try {
            signaling.stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> startParticipant(Room room, String name) {
        Map<String, ScriptedParticipant> ps = participants.get(room.id);
        if (ps.containsKey(name)) throw BaasException.invalid("name", "\"" + name + "\" is already in meeting " + room.id);
        ScriptedParticipant p = new ScriptedParticipant(name, browser);
        ps.put(name, p);
        p.join(baseUrl() + "/m/" + room.id, room.hostKey);
        return room.inCall(name);
    }

    /**
     * The scripted lines start once a guest (the bot) is in the call, one after another, taking turns as people in a
     * conversation do: everyone's first line, then everyone's second line, and so on.
     */
    private void firstGuestAdmitted(String meetingId) {
        Room room = rooms.get(meetingId);
        List<String[]> lines = new ArrayList<>();
        int turns = room.spec.participants().stream().mapToInt(p -> p.says().size()).max().orElse(0);
        for (int turn = 0; turn < turns; turn++)
            for (MeetingSpec.ParticipantSpec p : room.spec.participants())
                if (turn < p.says().size()) lines.add(new String[]{p.name(), p.says().get(turn)});
        if (lines.isEmpty() || !scriptStarted.add(meetingId)) return;
        scheduler.schedule(() -> speakLine(meetingId, lines, 0), LINE_GAP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private final java.util.Set<String> scriptStarted = ConcurrentHashMap.newKeySet();

    private void speakLine(String meetingId, List<String[]> lines, int index) {
        Room room = rooms.get(meetingId);
        if (index >= lines.size() || room.ended()) return;
        String[] line = lines.get(index);
        Thread.ofVirtual().start(() -> {
            ScriptedParticipant p = participants.get(meetingId).get(line[0]);
            if (p == null) return;
            Utterance u = p.say(line[1]);
            long next = Duration.between(settings.clock().instant(), u.end()).plus(LINE_GAP).toMillis();
            scheduler.schedule(() -> speakLine(meetingId, lines, index + 1), Math.max(0, next), TimeUnit.MILLISECONDS);
        });
    }

    private Room room(String meetingId) {
        Room r = rooms.get(meetingId);
        if (r == null) throw new BaasException(ErrorCode.NOT_FOUND, "meeting_id: no sandbox meeting \"" + meetingId + "\"");
        return r;
    }

    private ScriptedParticipant participant(String meetingId, String name) {
        room(meetingId);
        ScriptedParticipant p = participants.get(meetingId).get(name);
        if (p == null) throw new BaasException(ErrorCode.NOT_FOUND, "participant: no scripted participant \"" + name
                + "\" in meeting " + meetingId);
        return p;
    }

    private String newMeetingId() {
        String letters = "abcdefghijkmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder("sbx-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) b.append('-');
            b.append(letters.charAt(random.nextInt(letters.length())));
        }
        return b.toString();
    }

    /** The relay is a page of the participants' browser, as a platform's media server is a machine of its own. */
    private void startRelay(Room room) {
        BotPage relay = browser.open(BotPageSpec.of("relay", MediaSink.DISCARD, BotPageListener.IGNORE)
                .withCaptureAudio(false));
        relays.put(room.id, relay);
        relay.run(p -> p.navigate(baseUrl() + "/relay/" + room.id));
    }

    private LookalikeSite.Lookup lookup(LookalikeSite site) {
        return key -> Optional.ofNullable(roomByKey.get(site.platform() + "/" + key)).map(rooms::get)
                .filter(r -> !r.ended())
                .map(r -> new LookalikeMeeting(r.id, key, site.platform(), r.spec.topology().name().toLowerCase(java.util.Locale.ROOT),
                        signaling.url(), r.hostPresent(), r.spec.signInRequired(), passcodes.getOrDefault(r.id, "")));
    }

    private void servePage(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring(3);
        Room room = rooms.get(id);
        boolean known = room != null && !room.ended();
        String topology = known ? room.spec.topology().name().toLowerCase(java.util.Locale.ROOT) : "mesh";
        String cfg = JSON.createObjectNode().put("room", known ? id : "").put("signal", signaling.url())
                .put("topology", topology).toString();
        respond(ex, known ? 200 : 404, PAGE.replace("__SANDBOX_CALL__", CALL).replace("__SANDBOX__", cfg));
    }

    private void serveRelay(HttpExchange ex) throws IOException {
        Room room = rooms.get(ex.getRequestURI().getPath().substring("/relay/".length()));
        if (room == null) {
            respond(ex, 404, "no such meeting");
            return;
        }
        String cfg = JSON.createObjectNode().put("room", room.id).put("signal", signaling.url()).put("key", room.hostKey)
                .put("topology", room.spec.topology().name().toLowerCase(java.util.Locale.ROOT)).toString();
        respond(ex, 200, RELAY.replace("__RELAY__", cfg));
    }

    private static void respond(HttpExchange ex, int status, String page) throws IOException {
        try (ex) {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private static void await(CompletableFuture<?> f, String what) {
        try {
            f.get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.INTERNAL, "interrupted while waiting for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "timed out waiting for " + what, e);
        }
    }

    static String resource(String name) {
        try (InputStream in = SandboxService.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
