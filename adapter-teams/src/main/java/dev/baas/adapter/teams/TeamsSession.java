package dev.baas.adapter.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import dev.baas.adapter.teams.TeamsPage.Screen;
import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.Roster;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.FailureCode;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.Participant;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SessionContext;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One bot in a Teams meeting as an anonymous guest. The observer reports what the page shows; this session turns
 * that into meeting events and takes the next step of the join (launcher, permission prompt, pre-join form) one
 * short page action at a time, so the shared browser thread is never held by a long wait.
 */
final class TeamsSession implements MeetingSession, BotPageListener {
    private static final String OBSERVER = TeamsPage.observerScript();
    /** Failed join steps (a click that timed out under a prompt) are retried this often before giving up on them. */
    private static final int MAX_RETRIES = 10;
    private static final int SENT_REMEMBERED = 50;

    private final SessionContext context;
    private final Roster roster = new Roster();
    private final Deque<String> sent = new ArrayDeque<>();
    private volatile BotPage page;
    private volatile boolean closed, leaving;
    // guarded by this
    private Screen screen = Screen.LOADING;
    private Snapshot latest, handled;
    private boolean busy, joinPressed, chatOpened, admitted;
    private int retries;

    /** What the observer saw last: the screen, whether the permission prompt is up, and who is in the call. */
    private record Snapshot(Screen screen, boolean modal, String host, JsonNode participants) {}

    /** A next step of the join: one page action; {@code true} when it is done, {@code false} to try again. */
    private interface Step extends Predicate<Page> {}

    TeamsSession(SessionContext context) {
        this.context = context;
    }

    @Override public void join() {
        context.emit(new MeetingEvent.Joining(context.clock().instant()));
        Optional<BrowserRuntime> runtime = context.service(BrowserRuntime.class);
        if (runtime.isEmpty()) {
            fail("no BrowserRuntime service is registered with the host");
            return;
        }
        Thread.ofVirtual().name("teams-join-" + context.botId()).start(() -> {
            try {
                BotPageSpec spec = BotPageSpec.of(context.config().botName(), context.media(), this)
                        .withBotImage(context.config().botImage()).withInitScript(OBSERVER);
                BotPage opened = runtime.get().open(spec);
                page = opened;
                if (closed) {
                    opened.close();
                    return;
                }
                opened.run(p -> TeamsPage.open(p, context.meeting().url()));
            } catch (BaasException e) {
                if (!closed) fail("could not open the meeting page: " + e.getMessage());
            }
        });
    }

    @Override public void sendChat(String text) {
        synchronized (sent) {
            sent.addLast(text.strip());
            if (sent.size() > SENT_REMEMBERED) sent.removeFirst();
        }
        page().run(p -> TeamsPage.sendChat(p, text));
    }

    @Override public void speak(short[] pcm, int sampleRate) { page().speak(pcm, sampleRate); }

    @Override public Optional<byte[]> screenshot() {
        BotPage p = page;
        return p == null || p.failed() || closed ? Optional.empty() : Optional.of(p.screenshot());
    }

    @Override public void leave() {
        leaving = true;
        BotPage p = page;
        if (p != null && !p.failed()) p.run(TeamsPage::leave);
    }

    @Override public void close() {
        closed = true;
        BotPage p = page;
        if (p != null) p.close();
    }

    // ---- what the page reports ------------------------------------------------------------------------------

    @Override public void report(String kind, JsonNode data, long atMicros) {
        Instant at = Instant.ofEpochSecond(0, atMicros * 1000);
        switch (kind) {
            case "snapshot" -> {
                synchronized (this) {
                    latest = new Snapshot(Screen.of(data.path("screen").asText()), data.path("modal").asBoolean(),
                            data.path("host").asText(), data.path("participants"));
                    screenChanged(latest, at);
                    if (admitted) participants(latest.participants(), at);
                }
                act();
            }
            case "chat" -> chat(data, at);
            default -> { }
        }
    }

    @Override public void failed(String reason) {
        if (!closed) fail(reason);
    }

    private void screenChanged(Snapshot s, Instant at) {
        if (s.screen() == screen) return;
        screen = s.screen();
        retries = 0;
        switch (screen) {
            case LOBBY -> context.emit(new MeetingEvent.InWaitingRoom(at));
            case IN_CALL -> {
                if (admitted) return;
                admitted = true;
                context.emit(new MeetingEvent.Admitted(at));
                if (context.config().recordingMode() != RecordingMode.AUDIO_ONLY) startVideo();
            }
            case DENIED -> context.emit(new MeetingEvent.Denied(at, "the meeting's organizer denied the request to join"));
            case REMOVED -> context.emit(new MeetingEvent.Removed(at));
            case ENDED -> {
                if (!leaving) context.emit(new MeetingEvent.MeetingEnded(at));
            }
            case SIGN_IN -> cannotJoin(at, FailureCode.CANNOT_JOIN_MEETING, "Teams sent the guest to sign in at "
                    + s.host() + ": the meeting's organisation does not let anonymous guests join");
            case SIGN_IN_REQUIRED -> cannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "Teams asks to sign in: the meeting does not let anonymous guests join");
            case CAPTCHA -> cannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "Teams asks the guest to prove it is a person (captcha)");
            case BAD_URL -> cannotJoin(at, FailureCode.INVALID_MEETING_URL,
                    "Teams says the meeting link is incorrect: " + context.meeting().url());
            default -> { }
        }
    }

    private void cannotJoin(Instant at, FailureCode code, String reason) {
        context.emit(new MeetingEvent.CannotJoin(at, code, reason));
    }

    /** Who is in the call now, against who was: joins, departures and speaking changes. */
    private void participants(JsonNode seen, Instant at) {
        List<Participant> now = new ArrayList<>();
        Set<String> talking = new LinkedHashSet<>();
        for (JsonNode p : seen) {
            // Teams' DOM shows display names only, so a name is the participant's id here
            String name = p.path("name").asText();
            now.add(Participant.of(name, name));
            if (p.path("speaking").asBoolean()) talking.add(name);
        }
        roster.update(now, talking, at).forEach(context::emit);
    }

    /**
     * Teams shows the author's name on others' messages only (and only on the first of a run of messages by the
     * same person): a message without a name is the bot's own if it sent that text, else the run's author's.
     */
    private void chat(JsonNode data, Instant at) {
        String text = data.path("text").asText();
        String author = data.hasNonNull("author") ? data.path("author").asText() : null;
        String bot = context.config().botName();
        boolean fromBot;
        synchronized (sent) {
            fromBot = (author == null || author.equals(bot)) && sent.removeFirstOccurrence(text.strip());
        }
        String sender = fromBot ? bot : author != null ? author
                : data.hasNonNull("previousAuthor") ? data.path("previousAuthor").asText() : "";
        context.emit(new MeetingEvent.ChatMessage(at, sender, text, fromBot));
    }

    // ---- the next step of the join ----------------------------------------------------------------------------

    /** Takes the step the latest snapshot calls for, once per snapshot (again only after a failed step). */
    private void act() {
        BotPage p = page;
        Step step;
        synchronized (this) {
            if (p == null || busy || closed || leaving || latest == null || latest == handled) return;
            handled = latest;
            step = next(latest);
            if (step == null) return;
            busy = true;
        }
        p.submit(step::test).whenComplete((done, error) -> {
            boolean givingUp;
            synchronized (this) {
                busy = false;
                givingUp = !Boolean.TRUE.equals(done) && retries++ >= MAX_RETRIES;
                if (!Boolean.TRUE.equals(done) && !givingUp) handled = null;
            }
            if (givingUp && error != null && !closed && !leaving)
                fail("the Teams page did not respond: " + error.getMessage());
            // completion runs on the browser thread, which must not queue page work of its own
            Thread.ofVirtual().start(this::act);
        });
    }

    private Step next(Snapshot s) {
        if (s.modal()) return TeamsPage::dismissAvModal;
        return switch (s.screen()) {
            case LAUNCHER -> TeamsPage::continueInBrowser;
            case PREJOIN -> joinPressed ? null : p -> {
                boolean pressed = TeamsPage.fillAndJoin(p, context.config().botName());
                synchronized (this) {
                    joinPressed |= pressed;
                }
                return pressed;
            };
            case IN_CALL -> chatOpened ? null : p -> {
                boolean open = TeamsPage.openChat(p);
                synchronized (this) {
                    chatOpened |= open;
                }
                return open;
            };
            default -> null;
        };
    }

    private void startVideo() {
        BotPage p = page;
        Thread.ofVirtual().start(() -> {
            try {
                p.startScreencast(context.service(BrowserRuntime.class).orElseThrow().settings().video());
            } catch (BaasException e) {
                if (!closed) fail("video capture did not start: " + e.getMessage());
            }
        });
    }

    private void fail(String reason) {
        context.emit(new MeetingEvent.SessionFailed(context.clock().instant(), FailureCode.INTERNAL_ERROR, reason));
    }

    private BotPage page() {
        BotPage p = page;
        if (p == null) throw new BaasException(ErrorCode.CONFLICT, "the bot has not opened the meeting yet");
        return p;
    }
}
