package dev.baas.adapter.zoom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.baas.spi.MeetingRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the bot knows about Zoom's web client, in one place: the selectors and English texts (read by
 * zoom-observer.js, which gets them from {@link #observerScript()}) and the few things the bot does on the page.
 * Sources: the web client as peers' bots meet it (see docs on Zoom in the platform notes); strings drift, so every
 * list is "known variants".
 */
final class ZoomPage {
    static final String COOKIE_ACCEPT = "#onetrust-accept-btn-handler";
    static final List<String> NAME_INPUT = List.of("#input-for-name", "#inputname");
    static final List<String> PASSCODE_INPUT = List.of("input[placeholder*=\"passcode\" i]", "input[placeholder*=\"password\" i]");
    static final List<String> JOIN_BUTTON = List.of("button.preview-join-button", "#joinBtn");
    static final String PREVIEW_AUDIO = "#preview-audio-control-button";
    static final String PREVIEW_UNMUTE_LABEL = "Unmute";
    static final String MEETING_APP = ".meeting-app";
    static final String FOOTER_LEAVE = "button.footer-button__button[aria-label=\"Leave\"]";
    static final String LEAVE_CONFIRM = "button.leave-meeting-options__btn--danger";
    static final String ACTIVE_SPEAKER_FRAME = ".speaker-active-container__video-frame";
    static final String SPEAKING_FRAME = ".speaker-bar-container__video-frame--active";
    static final String AVATAR_NAME = ".video-avatar__avatar-footer span";
    static final String PARTICIPANTS_BUTTON = "button[aria-label^=\"open the participants list pane\"]";
    static final String PARTICIPANTS_PANE = ".participants-section-container";
    static final String CHAT_BUTTON = "button[aria-label^=\"open the chat panel\"]";
    static final String CHAT_LIST = "[aria-label=\"Chat Message List\"]";
    static final String CHAT_COMPOSE = ".chat-rtf-box__editor-outer [contenteditable=\"true\"], textarea.chat-box__chat-textarea";
    static final String MODAL_TITLE = ".zm-modal-body-title";
    /** "Alice said to Everyone at 3:04 PM: hello" (the time may be 24-hour). */
    static final String CHAT_ROW_PATTERN = "^(.+?) said to .+? at \\d{1,2}:\\d{2}(?:\\s?[AP]M)?: (.*)$";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OBSERVER = resource("zoom-observer.js");

    private ZoomPage() {}

    /** What the observer looks for, by name; one copy of every selector and text. */
    private static Map<String, Object> dom() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cookieAccept", COOKIE_ACCEPT);
        d.put("allowButtonTexts", List.of("Allow"));
        d.put("nameInput", NAME_INPUT);
        d.put("passcodeInput", PASSCODE_INPUT);
        d.put("passcodeWrongTexts", List.of("Passcode wrong", "Incorrect passcode", "wrong passcode"));
        d.put("joinButton", JOIN_BUTTON);
        d.put("previewAudio", PREVIEW_AUDIO);
        d.put("previewUnmuteLabel", PREVIEW_UNMUTE_LABEL);
        d.put("prejoin", List.of(NAME_INPUT.get(0), NAME_INPUT.get(1), JOIN_BUTTON.get(0), JOIN_BUTTON.get(1),
                PASSCODE_INPUT.get(0), PASSCODE_INPUT.get(1), COOKIE_ACCEPT));
        d.put("meetingApp", MEETING_APP);
        // Proof of being in the meeting; the shell alone is not (the waiting room is drawn inside it).
        d.put("inMeeting", List.of(FOOTER_LEAVE, ACTIVE_SPEAKER_FRAME, ".speaker-bar-container__video-frame",
                PARTICIPANTS_PANE, CHAT_LIST));
        d.put("modal", ".zm-modal");
        d.put("modalTitle", MODAL_TITLE);
        d.put("nagButtonTexts", List.of("OK", "Got it"));
        d.put("tipButtonText", "Got it");
        d.put("endedTexts", List.of("This meeting has been ended by host", "The meeting has been ended"));
        d.put("removedTexts", List.of("You have been removed", "removed you from"));
        d.put("botWallTexts", List.of("We detected you may be a bot", "Automated bots aren't allowed"));
        d.put("signInTexts", List.of("Sign in to join this meeting", "Only authenticated users can join",
                "The host requires authentication"));
        d.put("signInButton", ".login-btn-zoom");
        d.put("hostAbsentTexts", List.of("Waiting for the host to start this meeting", "host to start the meeting"));
        d.put("invalidTexts", List.of("Invalid meeting ID", "This meeting ID is not valid"));
        d.put("waitingRoomTexts", List.of("Please wait, the meeting host will let you in soon",
                "Host has joined. We've let them know you're here"));
        d.put("leftTexts", List.of("You have left the meeting"));
        d.put("participantsPane", PARTICIPANTS_PANE);
        d.put("participantItem", ".participants-item__item-layout");
        d.put("participantName", ".participants-item__display-name");
        d.put("participantLabel", ".participants-item__name-label");
        d.put("selfLabels", List.of("(Me)", "(me)", "(Host, Me)", "(Co-host, Me)"));
        d.put("speakingName", SPEAKING_FRAME + " " + AVATAR_NAME);
        d.put("shownSpeakerName", ACTIVE_SPEAKER_FRAME + " " + AVATAR_NAME);
        d.put("chatList", CHAT_LIST);
        d.put("chatRow", "[aria-label*=\" said to \"]");
        d.put("chatRowPattern", CHAT_ROW_PATTERN);
        return d;
    }

    static String observerScript() {
        try {
            return OBSERVER.replace("__ZOOM_DOM__", JSON.writeValueAsString(dom()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the observer's settings do not serialise", e);
        }
    }

    /**
     * The React web client's join page for the meeting, {@code https://<host>/wc/<number>/join?pwd=<passcode>}, on the
     * host the link named (vanity hosts keep their sign-in). A personal link has no number; Zoom resolves it itself.
     */
    static String webClientUrl(MeetingRef ref) {
        if ("personal-link".equals(ref.attributes().get("kind"))) return ref.url();
        String host = URI.create(ref.url()).getHost();
        StringBuilder url = new StringBuilder("https://").append(host).append("/wc/").append(ref.meetingId()).append("/join");
        ref.passcode().ifPresent(p -> url.append("?pwd=").append(p));
        String query = URI.create(ref.url()).getRawQuery();
        if (query != null)
            for (String part : query.split("&"))
                if (part.startsWith("tk=")) url.append(ref.passcode().isPresent() ? "&" : "?").append(part);
        return url.toString();
    }

    // ---- actions: each is short (the browser thread is shared); what they lead to comes back as a snapshot ----

    private static final double ACTION_TIMEOUT_MS = 5_000;

    static void open(Page page, String url) {
        page.navigate(url, new Page.NavigateOptions().setTimeout(30_000));
    }

    // Each step checks the page again before acting: the form is re-read after a pause when nothing seemed to
    // change, and acting twice would undo a toggle or retype a name.

    static void acceptCookies(Page page) { clickIfVisible(page.locator(COOKIE_ACCEPT)); }

    static void allowDevices(Page page) {
        clickIfVisible(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow").setExact(true)).first());
    }

    /** Real key presses: the form ignores values set by a script and would keep Join disabled. */
    static void typeInto(Page page, List<String> selectors, String text) {
        Locator field = page.locator(String.join(", ", selectors)).first();
        if (field.inputValue(new Locator.InputValueOptions().setTimeout(ACTION_TIMEOUT_MS)).equals(text)) return;
        field.click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
        field.press("Control+A");
        field.press("Delete");
        field.pressSequentially(text, new Locator.PressSequentiallyOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    static void unmutePreview(Page page) {
        Locator mic = page.locator(PREVIEW_AUDIO);
        if (PREVIEW_UNMUTE_LABEL.equals(mic.getAttribute("aria-label", new Locator.GetAttributeOptions().setTimeout(ACTION_TIMEOUT_MS))))
            click(mic);
    }

    static void clickJoin(Page page) {
        Locator join = page.locator(String.join(", ", JOIN_BUTTON)).first();
        if (join.count() == 0 || join.isDisabled() || String.valueOf(join.getAttribute("class")).contains("disabled")) return;
        click(join);
    }

    /**
     * Opens the participants and chat panes, which the client only draws while open. A script click, so it works
     * while the footer is hidden.
     */
    static void openPanes(Page page) {
        page.evaluate("([a, b]) => [a, b].forEach((s) => { const e = document.querySelector(s); if (e) e.click(); })",
                List.of(PARTICIPANTS_BUTTON, CHAT_BUTTON));
    }

    /** Closes the notices and tips the client puts over itself after joining (they take clicks meant for it). */
    static void dismissNags(Page page) { page.evaluate("() => window.__baasZoom && window.__baasZoom.dismissNags()"); }

    /** Types into the compose box by focus rather than a pointer click, which a late notice could take. */
    static void sendChat(Page page, String text) {
        dismissNags(page);
        if (page.locator(CHAT_LIST).count() == 0) openPanes(page);
        dismissNags(page); // opening the chat may bring its own tip
        Locator box = page.locator(CHAT_COMPOSE).first();
        box.focus(new Locator.FocusOptions().setTimeout(ACTION_TIMEOUT_MS));
        page.keyboard().insertText(text);
        page.keyboard().press("Enter");
    }

    /**
     * Footer "Leave", then "Leave Meeting". The footer hides itself, so the pointer is moved first, and both are
     * clicked from a script (peers found Playwright's clicks on Leave unreliable; a late notice can cover them).
     */
    static void leave(Page page) {
        dismissNags(page);
        page.mouse().move(300, 300);
        page.mouse().move(640, 600);
        if (!domClick(page, FOOTER_LEAVE)) return; // not in the meeting (waiting room, ended): nothing to leave
        page.locator(LEAVE_CONFIRM).first().waitFor(new Locator.WaitForOptions().setTimeout(ACTION_TIMEOUT_MS));
        domClick(page, LEAVE_CONFIRM);
    }

    private static boolean domClick(Page page, String selector) {
        return Boolean.TRUE.equals(page.evaluate(
                "(s) => { const b = document.querySelector(s); if (b) b.click(); return !!b; }", selector));
    }

    private static void click(Locator locator) { locator.click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS)); }

    private static void clickIfVisible(Locator locator) {
        if (locator.isVisible()) click(locator);
    }

    private static String resource(String name) {
        try (InputStream in = ZoomPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
