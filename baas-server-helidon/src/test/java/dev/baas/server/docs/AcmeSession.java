package dev.baas.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.spi.BaasException;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.Optional;

// docs:begin session
/** One bot in one Acme meeting, driven in a page of the host's shared Chromium. */
final class AcmeSession implements MeetingSession, BotPageListener {
    private final SessionContext context;
    private volatile BotPage page;

    AcmeSession(SessionContext context) { this.context = context; }

    @Override public void join() {
        context.emit(new MeetingEvent.Joining(context.clock().instant()));
        Optional<BrowserRuntime> runtime = context.service(BrowserRuntime.class);
        if (runtime.isEmpty()) {
            context.emit(new MeetingEvent.SessionFailed(context.clock().instant(), FailureCode.INTERNAL_ERROR,
                    "no BrowserRuntime service is registered with the host"));
            return;
        }
        // join() must return at once: the page opens and the bot asks to join on a thread of its own
        Thread.ofVirtual().start(() -> {
            try {
                BotPageSpec spec = BotPageSpec.of(context.config().botName(), context.media(), this);
                page = runtime.get().open(spec);
                page.run(p -> {
                    p.navigate(context.meeting().url());
                    p.getByLabel("Your name").fill(context.config().botName());
                    p.getByText("Ask to join").click();
                });
            } catch (BaasException e) {
                context.emit(new MeetingEvent.CannotJoin(context.clock().instant(), FailureCode.CANNOT_JOIN_MEETING, e.getMessage()));
            }
        });
    }

    /** The page's own script reports what it sees with window.__baasMedia.report(kind, data). */
    @Override public void report(String kind, JsonNode data, long atMicros) {
        java.time.Instant at = java.time.Instant.ofEpochSecond(0, atMicros * 1000);
        switch (kind) {
            case "lobby" -> context.emit(new MeetingEvent.InWaitingRoom(at));
            case "in-call" -> context.emit(new MeetingEvent.Admitted(at));
            case "ended" -> context.emit(new MeetingEvent.MeetingEnded(at));
            default -> { }
        }
    }

    @Override public void failed(String reason) {
        context.emit(new MeetingEvent.SessionFailed(context.clock().instant(), FailureCode.INTERNAL_ERROR, reason));
    }

    @Override public void sendChat(String text) { throw new UnsupportedOperationException("CHAT_SEND is not declared"); }

    @Override public void speak(short[] pcm, int sampleRate) { throw new UnsupportedOperationException("SPEECH_OUTPUT is not declared"); }

    @Override public void leave() {
        BotPage p = page;
        if (p != null && !p.failed()) p.run(pg -> pg.getByLabel("Leave call").click());
    }

    @Override public void close() {
        BotPage p = page;
        if (p != null) p.close();
    }
}
// docs:end
