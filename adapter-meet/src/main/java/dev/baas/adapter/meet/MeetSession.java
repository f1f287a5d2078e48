package dev.baas.adapter.meet;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One bot in a Google Meet call as an anonymous guest. The observer script reports what the page shows; this
 * session turns those reports into {@link MeetingEvent}s and, one step at a time, does what the page asks for
 * next (answer a prompt, type the name, ask to join, confirm a recording notice, open the chat).
 */
final class MeetSession implements MeetingSession, BotPageListener {
    /** Attempts per step before the session gives up on it: a page that never reacts must not be clicked forever. */
    private static final int MAX_TRIES = 6;
    /** How long a finished step waits for the page to report its effect before the next step is chosen anyway. */
    private static final long SETTLE_MILLIS = 1_500;

    private enum Stage { OPENING, PREJOIN, WAITING, IN_CALL, DONE }

    private record Speech(short[] pcm, int sampleRate) {}

    /** The things the bot does on the page, each triggered by what the last report shows. */
    private enum Step { DISMISS_PROMPT, TYPE_NAME, ASK_TO_JOIN, CONFIRM_NOTICE, MICROPHONE_ON, OPEN_CHAT }

    private final SessionContext context;
    private final String botName;
    private final Roster roster = new Roster();
    private final Map<Step, Integer> tries = new EnumMap<>(Step.class);
    private final List<Speech> unsent = new ArrayList<>();
    private volatile BotPage page;
    private volatile BrowserRuntime runtime;
    private volatile boolean closed, leaving;
    // guarded by this
    private Stage stage = Stage.OPENING;
    private JsonNode snapshot;
    private long snapshotAtMicros;
    private boolean stepRunning, sending;

    MeetSession(SessionContext context) {
        this.context = context;
        this.botName = context.config().botName().strip();
    }

    @Override public void join() {
        context.emit(new MeetingEvent.Joining(context.clock().instant()));
        Optional<BrowserRuntime> found = context.service(BrowserRuntime.class);
        if (found.isEmpty()) {
            fail("no BrowserRuntime service is registered with the host");
            return;
        }
        Thread.ofVirtual().name("meet-join-" + context.botId()).start(() -> {
            try {
                BotPageSpec spec = BotPageSpec.of(botName, context.media(), this)
                        .withBotImage(context.config().botImage()).withInitScript(MeetPage.observerScript());
                runtime = found.get();
                page = runtime.open(spec);
                if (closed) {
                    page.close();
                    return;
                }
                page.run(p -> MeetPage.open(p, context.meeting().url()));
            } catch (BaasException e) {
                if (!closed) fail("could not open the meeting page: " + e.getMessage());
            }
        });
    }

    @Override public void sendChat(String text) { page().run(p -> MeetPage.sendChat(p, text)); }

    /**
     * Plays the speech once the page's microphone reaches the call: the media connection comes up a moment after
     * admission, and what is played before that is heard by no one.
     */
    @Override public void speak(short[] pcm, int sampleRate) {
        BotPage p = page();
        synchronized (this) {
            if (!sending) {
                unsent.add(new Speech(pcm.clone(), sampleRate));
                return;
            }
        }
        p.speak(pcm, sampleRate);
    }

    @Override public Optional<byte[]> screenshot() {
        BotPage p = page;
        return p == null || p.failed() || closed ? Optional.empty() : Optional.of(p.screenshot());
    }

    @Override public void leave() {
        leaving = true;
        BotPage p = page;
        if (p != null && !p.failed() && !closed) p.run(MeetPage::leave);
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
            case "snapshot" -> snapshot(data, atMicros, at);
            case "chat" -> {
                boolean self = data.path("self").asBoolean();
                context.emit(new MeetingEvent.ChatMessage(at, self ? botName : data.path("sender").asText(),
                        data.path("text").asText(), self));
            }
            case "slots" -> {
                BotPage p = page;
                if (p == null) return;
                for (JsonNode slot : data.path("slots")) {
                    String name = slot.path("name").asText();
                    if (!name.isEmpty()) p.nameSource("mid:" + slot.path("mid").asText(), name);
                }
            }
            default -> { }
        }
    }

    private void snapshot(JsonNode data, long atMicros, Instant at) {
        snapshot = data;
        snapshotAtMicros = atMicros;
        screen(data.path("screen").asText(), data.path("text").asText(), at);
        if (stage == Stage.IN_CALL && data.path("screen").asText().equals("in-call")) participants(data.path("tiles"), at);
        sending = data.path("sending").asBoolean();
        BotPage p = page;
        if (sending && p != null) {
            for (Speech speech : unsent) p.speak(speech.pcm(), speech.sampleRate());
            unsent.clear();
        }
        notifyAll(); // a step waiting for the page to show its effect
        nextStep();
    }

    @Override public void failed(String reason) {
        if (!closed) fail(reason);
    }

    private void screen(String screen, String text, Instant at) {
        if (stage == Stage.DONE) return;
        switch (screen) {
            case "prejoin" -> { if (stage == Stage.OPENING) stage = Stage.PREJOIN; }
            case "waiting" -> {
                if (stage == Stage.OPENING || stage == Stage.PREJOIN) {
                    stage = Stage.WAITING;
                    context.emit(new MeetingEvent.InWaitingRoom(at));
                }
            }
            case "in-call" -> {
                if (stage != Stage.IN_CALL) {
                    stage = Stage.IN_CALL;
                    context.emit(new MeetingEvent.Admitted(at));
                    startVideo();
                }
            }
            case "denied" -> finish(new MeetingEvent.Denied(at, "Meet: " + text));
            case "removed" -> finish(new MeetingEvent.Removed(at));
            case "ended" -> finish(new MeetingEvent.MeetingEnded(at));
            case "not-found" -> finish(new MeetingEvent.CannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "Meet has no meeting " + context.meeting().meetingId() + " (\"" + text + "\")"));
            case "blocked" -> finish(new MeetingEvent.CannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "Meet refused the guest (\"" + text + "\")"));
            case "signin" -> finish(new MeetingEvent.CannotJoin(at, FailureCode.CANNOT_JOIN_MEETING,
                    "Meet asks to sign in with a Google Account: the meeting does not let anonymous guests in"));
            case "left" -> {
                if (leaving) stage = Stage.DONE;
                else if (stage == Stage.IN_CALL) finish(new MeetingEvent.SessionFailed(at, FailureCode.INTERNAL_ERROR,
                        "Meet left the call without being asked to (\"" + text + "\")"));
                else finish(new MeetingEvent.Denied(at, "Meet ended the request to join (\"" + text + "\")"));
            }
            default -> { }
        }
    }

    private void finish(MeetingEvent event) {
        stage = Stage.DONE;
        context.emit(event);
    }

    private void startVideo() {
        if (context.config().recordingMode() == RecordingMode.AUDIO_ONLY) return;
        Thread.ofVirtual().start(() -> {
            try {
                page.startScreencast(runtime.settings().video());
            } catch (BaasException e) {
                if (!closed) fail("video capture did not start: " + e.getMessage());
            }
        });
    }

    private void participants(JsonNode tiles, Instant at) {
        List<Participant> now = new ArrayList<>();
        Set<String> talking = new HashSet<>();
        for (JsonNode t : tiles) {
            Participant p = Participant.of(t.path("id").asText(), t.path("name").asText());
            now.add(p);
            if (t.path("speaking").asBoolean()) talking.add(p.id());
        }
        roster.update(now, talking, at).forEach(context::emit);
    }

    // ---- acting on the page ---------------------------------------------------------------------------------

    /** What the page asks for now, if anything; one step runs at a time. */
    private Optional<Step> wanted() {
        if (snapshot == null || stage == Stage.DONE || leaving) return Optional.empty();
        if (snapshot.path("consent").asBoolean()) return Optional.of(Step.CONFIRM_NOTICE);
        if (snapshot.path("prompt").asBoolean()) return Optional.of(Step.DISMISS_PROMPT);
        switch (snapshot.path("screen").asText()) {
            case "prejoin" -> {
                if (!snapshot.path("name").asText().strip().equals(botName)) return Optional.of(Step.TYPE_NAME);
                if (snapshot.path("join").path("enabled").asBoolean()) return Optional.of(Step.ASK_TO_JOIN);
            }
            case "in-call" -> {
                if (snapshot.path("microphone").asText().equals("off")) return Optional.of(Step.MICROPHONE_ON);
                if (!snapshot.path("chatOpen").asBoolean()) return Optional.of(Step.OPEN_CHAT);
            }
            default -> { }
        }
        return Optional.empty();
    }

    private void nextStep() {
        if (stepRunning || closed) return;
        Optional<Step> step = wanted();
        BotPage p = page;
        if (step.isEmpty() || p == null) return;
        int attempt = tries.merge(step.get(), 1, Integer::sum);
        if (attempt > MAX_TRIES) {
            if (step.get() != Step.OPEN_CHAT && step.get() != Step.MICROPHONE_ON)
                finish(new MeetingEvent.CannotJoin(context.clock().instant(), FailureCode.CANNOT_JOIN_MEETING,
                        "the Meet page did not respond to " + step.get().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " after " + MAX_TRIES + " attempts"));
            return;
        }
        stepRunning = true;
        Thread.ofVirtual().name("meet-step-" + context.botId()).start(() -> run(p, step.get()));
    }

    private void run(BotPage p, Step step) {
        boolean done;
        try {
            p.run(page -> act(page, step));
            done = true;
        } catch (BaasException e) {
            done = false; // the page changed under the step (a prompt appeared, the screen moved on): look again
        }
        // compared with the page's report times, which come from the same machine's wall clock
        long finishedMicros = System.currentTimeMillis() * 1000;
        synchronized (this) {
            long until = System.currentTimeMillis() + SETTLE_MILLIS;
            // A step that worked shows in a later report; choosing again on an older one would repeat it.
            while (done && !closed && snapshotAtMicros < finishedMicros && System.currentTimeMillis() < until) {
                try {
                    wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stepRunning = false;
            nextStep();
        }
    }

    private void act(Page p, Step step) {
        switch (step) {
            case DISMISS_PROMPT -> MeetPage.dismissPrompt(p);
            case TYPE_NAME -> MeetPage.typeName(p, botName);
            case ASK_TO_JOIN -> MeetPage.askToJoin(p);
            case CONFIRM_NOTICE -> MeetPage.confirmNotice(p);
            case MICROPHONE_ON -> MeetPage.turnOnMicrophone(p);
            case OPEN_CHAT -> MeetPage.openChat(p);
        }
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
