package dev.baas.adapter.zoom;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One bot in a Zoom meeting through the web client. The page's observer reports snapshots; before the meeting each
 * snapshot decides the next step of the join form (cookies, devices, passcode, name, microphone, Join), run one at
 * a time on the session's own thread, and every snapshot's state becomes the lifecycle events.
 */
final class ZoomSession implements MeetingSession, BotPageListener {
    private static final String OBSERVER = ZoomPage.observerScript();
    /**
     * When a form step changed nothing the observer could see (a late banner took the click, a prompt came back),
     * the form is looked at again after this long; the join gives up after this many steps.
     */
    private static final long RECHECK_MILLIS = 1_500;
    private static final int MAX_FORM_STEPS = 40;

    private final SessionContext context;
    private final ScheduledExecutorService driver;
    private volatile BotPage page;
    private volatile BrowserRuntime runtime;
    private volatile boolean closed;
    private final AtomicLong snapshotsReceived = new AtomicLong();

    // Confined to the driver thread.
    private JsonNode form;
    private boolean passcodeTyped, finished;
    private String lastStepFailure = "";
    private int formSteps;
    private String state = "";
    private boolean lobbyReported, admitted;
    private final Roster roster = new Roster();

    ZoomSession(SessionContext context) {
        this.context = context;
        this.driver = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("zoom-session-" + context.botId()).factory());
    }

    @Override public void join() {
        context.emit(new MeetingEvent.Joining(context.clock().instant()));
        Optional<BrowserRuntime> available = context.service(BrowserRuntime.class);
        if (available.isEmpty()) {
            fail("no BrowserRuntime service is registered with the host");
            return;
        }
        onDriver(() -> {
            BotPageSpec spec = BotPageSpec.of(context.config().botName(), context.media(), this)
                    .withBotImage(context.config().botImage())
                    .withCapturePlayback(true) // the client plays the meeting's mix through Web Audio
                    .withInitScript(OBSERVER);
            runtime = available.get();
            try {
                page = runtime.open(spec);
                if (closed) {
                    page.close();
                    return;
                }
                page.run(p -> ZoomPage.open(p, ZoomPage.webClientUrl(context.meeting())));
            } catch (BaasException e) {
                fail("could not open Zoom's web client: " + e.getMessage());
            }
        });
    }

    @Override public void sendChat(String text) { page().run(p -> ZoomPage.sendChat(p, text)); }

    @Override public void speak(short[] pcm, int sampleRate) { page().speak(pcm, sampleRate); }

    @Override public Optional<byte[]> screenshot() {
        BotPage p = page;
        return p == null || p.failed() || closed ? Optional.empty() : Optional.of(p.screenshot());
    }

    @Override public void leave() {
        BotPage p = page;
        if (p != null && !p.failed()) p.run(ZoomPage::leave);
    }

    @Override public void close() {
        closed = true;
        driver.shutdownNow();
        BotPage p = page;
        if (p != null) p.close();
    }

    // ---- what the page reports ------------------------------------------------------------------------------

    @Override public void report(String kind, JsonNode data, long atMicros) {
        Instant at = Instant.ofEpochSecond(0, atMicros * 1000);
        switch (kind) {
            case "snapshot" -> {
                long number = snapshotsReceived.incrementAndGet();
                onDriver(() -> snapshot(data, at, number));
            }
            case "chat" -> {
                String sender = data.path("sender").asText();
                context.emit(new MeetingEvent.ChatMessage(at, sender, data.path("text").asText(),
                        sender.equals(context.config().botName())));
            }
            default -> { }
        }
    }

    @Override public void failed(String reason) {
        if (!closed) fail(reason);
    }

    private void snapshot(JsonNode data, Instant at, long number) {
        String next = data.path("state").asText();
        if (!next.equals(state)) {
            state = next;
            stateChanged(next, at);
        }
        // Steps follow the newest snapshot only: older ones queued while a step ran (a name half typed) are stale.
        if (next.equals("prejoin")) {
            form = data.path("prejoin");
            if (number == snapshotsReceived.get()) nextFormStep();
        }
        if (next.equals("in-meeting")) {
            if (data.path("nag").asBoolean()) step(ZoomPage::dismissNags);
            participants(data.path("participants"), at);
            speakers(data.path("speaking"), at);
        }
    }

    private void stateChanged(String next, Instant at) {
        switch (next) {
            case "host-absent", "waiting-room" -> {
                if (!lobbyReported && !admitted) context.emit(new MeetingEvent.InWaitingRoom(at));
                lobbyReported = true;
            }
            case "in-meeting" -> {
                if (admitted) return;
                admitted = true;
                context.emit(new MeetingEvent.Admitted(at));
                step(ZoomPage::openPanes);
                if (context.config().recordingMode() != RecordingMode.AUDIO_ONLY) startVideo();
            }
            case "removed" -> end(admitted ? new MeetingEvent.Removed(at)
                    : new MeetingEvent.Denied(at, "the host removed the bot from the waiting room"));
            case "ended" -> end(new MeetingEvent.MeetingEnded(at));
            case "sign-in" -> cannotJoin(at, "the meeting only admits signed-in Zoom users");
            case "invalid" -> cannotJoin(at, "Zoom says meeting " + context.meeting().meetingId() + " does not exist");
            case "bot-wall" -> cannotJoin(at, "Zoom refused the bot as automated (its anti-bot check)");
            default -> { }
        }
    }

    /** One step of the join form at a time, chosen from what the page shows now. */
    private void nextFormStep() {
        JsonNode f = form;
        if (f == null || finished || !state.equals("prejoin")) return;
        Optional<String> passcode = context.meeting().passcode();
        if (f.path("cookieBanner").asBoolean()) formStep(ZoomPage::acceptCookies);
        else if (f.path("devicePrompt").asBoolean()) formStep(ZoomPage::allowDevices);
        else if (f.path("passcodeWrong").asBoolean())
            cannotJoin(context.clock().instant(), "Zoom refused the meeting passcode");
        else if (f.path("passcodeField").asBoolean() && !f.path("passcodeFilled").asBoolean()) {
            if (passcode.isEmpty() || passcodeTyped)
                cannotJoin(context.clock().instant(), "the meeting asks for a passcode and the link has none");
            else {
                passcodeTyped = true;
                formStep(p -> ZoomPage.typeInto(p, ZoomPage.PASSCODE_INPUT, passcode.get()));
            }
        } else if (f.path("nameField").asBoolean() && !f.path("name").asText().equals(context.config().botName()))
            formStep(p -> ZoomPage.typeInto(p, ZoomPage.NAME_INPUT, context.config().botName()));
        else if (f.path("micMuted").asBoolean()) formStep(ZoomPage::unmutePreview);
        else if (f.path("joinEnabled").asBoolean()) formStep(ZoomPage::clickJoin);
    }

    /**
     * Runs one step of the join form, then looks at the form again later unless the page reported a change by then:
     * a step that failed or changed nothing is tried again, a bounded number of times.
     */
    private void formStep(Consumer<Page> action) {
        if (++formSteps > MAX_FORM_STEPS) {
            fail("Zoom's join form did not take the bot's input after " + MAX_FORM_STEPS + " steps"
                    + (lastStepFailure.isEmpty() ? "" : "; last failure: " + lastStepFailure));
            return;
        }
        step(action);
        long seen = snapshotsReceived.get();
        driver.schedule(() -> {
            if (snapshotsReceived.get() == seen) nextFormStep();
        }, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Runs one page action; a failure is left to the next look at the page. */
    private void step(Consumer<Page> action) {
        BotPage p = page;
        if (p == null || closed) return;
        try {
            p.run(action);
        } catch (BaasException e) {
            if (!closed && !p.failed()) lastStepFailure = e.getMessage();
        }
    }

    private void participants(JsonNode list, Instant at) {
        if (!list.isArray()) return; // pane closed: nothing known
        List<Participant> now = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode item : list) {
            if (item.path("self").asBoolean()) continue;
            String name = item.path("name").asText();
            int n = seen.merge(name, 1, Integer::sum);
            // Zoom shows no ids; two people with one name are told apart by their order.
            String id = n == 1 ? name : name + "#" + n;
            now.add(Participant.of(id, name));
        }
        roster.people(now, at).forEach(context::emit);
    }

    private void speakers(JsonNode names, Instant at) {
        Set<String> now = new LinkedHashSet<>();
        for (JsonNode n : names) if (!n.asText().equals(context.config().botName())) now.add(n.asText());
        roster.speakers(now, at).forEach(context::emit); // by name: the first of several with one name
    }

    private void startVideo() {
        Thread.ofVirtual().start(() -> {
            try {
                page.startScreencast(runtime.settings().video());
            } catch (BaasException e) {
                if (!closed) fail("video capture did not start: " + e.getMessage());
            }
        });
    }

    private void cannotJoin(Instant at, String reason) {
        end(new MeetingEvent.CannotJoin(at, FailureCode.CANNOT_JOIN_MEETING, reason));
    }

    private void end(MeetingEvent event) {
        if (finished) return;
        finished = true;
        context.emit(event);
    }

    private void onDriver(Runnable task) {
        if (closed) return;
        try {
            driver.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing is to be done on this page any more
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
