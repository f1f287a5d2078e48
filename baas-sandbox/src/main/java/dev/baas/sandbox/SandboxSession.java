package dev.baas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.Roster;
import dev.baas.spi.BaasException;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.Participant;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SessionContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One bot in a sandbox meeting, driven through the meeting page like a person would. */
final class SandboxSession implements MeetingSession, BotPageListener {
    private static final String OBSERVER = SandboxService.resource("sandbox-observer.js");

    private final SessionContext context;
    private final Roster roster = new Roster();
    private volatile BotPage page;
    private volatile BrowserRuntime runtime;
    private String state = "";
    private volatile boolean closed;

    SandboxSession(SessionContext context) {
        this.context = context;
    }

    @Override public void join() {
        context.emit(new MeetingEvent.Joining(context.clock().instant()));
        Optional<BrowserRuntime> runtime = context.service(BrowserRuntime.class);
        if (runtime.isEmpty()) {
            fail("no BrowserRuntime service is registered with the host");
            return;
        }
        Thread.ofVirtual().name("sandbox-join-" + context.botId()).start(() -> {
            try {
                boolean video = context.config().recordingMode() != RecordingMode.AUDIO_ONLY;
                BotPageSpec spec = BotPageSpec.of(context.config().botName(), context.media(), this)
                        .withBotImage(context.config().botImage()).withInitScript(OBSERVER);
                this.runtime = runtime.get();
                page = this.runtime.open(spec);
                if (closed) {
                    page.close();
                    return;
                }
                page.run(p -> SandboxPage.askToJoin(p, context.meeting().url(), context.config().botName(), video));
            } catch (BaasException e) {
                fail("could not open the meeting page: " + e.getMessage());
            }
        });
    }

    @Override public void sendChat(String text) { page().run(p -> SandboxPage.sendChat(p, text)); }

    @Override public void speak(short[] pcm, int sampleRate) { page().speak(pcm, sampleRate); }

    @Override public Optional<byte[]> screenshot() {
        BotPage p = page;
        return p == null || p.failed() || closed ? Optional.empty() : Optional.of(p.screenshot());
    }

    @Override public void leave() {
        BotPage p = page;
        if (p != null && !p.failed()) p.run(SandboxPage::leave);
    }

    @Override public void close() {
        closed = true;
        BotPage p = page;
        if (p != null) p.close();
    }

    // ---- what the page reports ------------------------------------------------------------------------------

    @Override public synchronized void report(String kind, JsonNode data, long atMicros) {
        Instant at = Instant.ofEpochSecond(0, atMicros * 1000);
        switch (kind) {
            case "snapshot" -> {
                stateChanged(data.path("state").asText(), at);
                participants(data.path("tiles"), at);
            }
            case "chat" -> context.emit(new MeetingEvent.ChatMessage(at, data.path("sender").asText(),
                    data.path("text").asText(), data.path("self").asBoolean()));
            default -> { }
        }
    }

    @Override public void failed(String reason) {
        if (!closed) fail(reason);
    }

    private void stateChanged(String next, Instant at) {
        if (next.equals(state)) return;
        state = next;
        switch (next) {
            case "waiting" -> context.emit(new MeetingEvent.InWaitingRoom(at));
            case "in-call" -> {
                context.emit(new MeetingEvent.Admitted(at));
                if (context.config().recordingMode() != RecordingMode.AUDIO_ONLY)
                    Thread.ofVirtual().start(() -> {
                        try {
                            page.startScreencast(runtime.settings().video());
                        } catch (BaasException e) {
                            if (!closed) fail("video capture did not start: " + e.getMessage());
                        }
                    });
            }
            case "denied" -> context.emit(new MeetingEvent.Denied(at, "the host denied the request to join"));
            case "removed" -> context.emit(new MeetingEvent.Removed(at));
            case "ended" -> context.emit(new MeetingEvent.MeetingEnded(at));
            case "not-found" -> context.emit(new MeetingEvent.CannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "the sandbox has no meeting " + context.meeting().meetingId()));
            default -> { }
        }
    }

    private void participants(JsonNode tiles, Instant at) {
        List<Participant> now = new ArrayList<>();
        Set<String> nowSpeaking = new HashSet<>();
        for (JsonNode t : tiles) {
            if (t.path("self").asBoolean()) continue;
            Participant p = Participant.of(t.path("id").asText(), t.path("name").asText());
            now.add(p);
            page.nameSource(t.path("streamId").asText(), p.name());
            if (t.path("speaking").asBoolean()) nowSpeaking.add(p.id());
        }
        roster.update(now, nowSpeaking, at).forEach(context::emit);
    }

    private void fail(String reason) {
        context.emit(new MeetingEvent.SessionFailed(context.clock().instant(), FailureCode.INTERNAL_ERROR, reason));
    }

    private BotPage page() {
        BotPage p = page;
        if (p == null) throw new BaasException(dev.baas.spi.ErrorCode.CONFLICT, "the bot has not opened the meeting yet");
        return p;
    }
}
