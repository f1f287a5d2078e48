package dev.baas.adapter.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.WaitUntilState;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the bot knows about the Teams web client: its selectors and English copy (known variants, since Teams
 * changes them), and the few clicks that get a guest in. The observer script reads the DOM with the same lists, which
 * it receives from here, so this file is the one place to update when Teams changes.
 */
final class TeamsPage {
    // ---- launcher -----------------------------------------------------------------------------------------------
    static final String CONTINUE_IN_BROWSER = "[data-tid=\"joinOnWeb\"], button:has-text(\"Continue on this browser\")";
    static final String CONTINUE_IN_BROWSER_TEXT = "Continue on this browser";

    // ---- pre-join -----------------------------------------------------------------------------------------------
    static final String NAME_INPUT = "[data-tid=\"prejoin-display-name-input\"], input[placeholder=\"Type your name\"]";
    static final String JOIN_BUTTON = "[data-tid=\"prejoin-join-button\"]";
    static final String TOGGLE_MUTE = "[data-tid=\"toggle-mute\"]";
    static final String TOGGLE_VIDEO = "[data-tid=\"toggle-video\"]";
    static final String COMPUTER_AUDIO = "Computer audio";
    /** The permission prompt; it can come before the name field and again after Join now. */
    static final String AV_MODAL_CONTINUE = "button:has-text(\"Continue without audio or video\")";
    static final String AV_MODAL_CONTINUE_TEXT = "Continue without audio or video";

    // ---- in the call --------------------------------------------------------------------------------------------
    static final List<String> HANGUP = List.of("#hangup-button", "[data-tid=\"hangup-main-btn\"]",
            "[data-inp=\"hangup-button\"]");
    /** Shown only in the call; the lobby also has a Leave button, so it takes one of these as well to be admitted. */
    static final List<String> IN_CALL_SIGNS = List.of("#chat-button", "#raisehands-button",
            "button[aria-label=\"React\"]", "button[aria-label=\"Raise\"]", "[data-tid=\"roster\"]",
            "[data-stream-type][data-tid]");
    static final String TILE = "[data-stream-type][data-tid]";
    static final String SELF_VIEW = "[data-tid=\"myself-video\"]";
    static final List<String> SPEAKING = List.of("[data-tid=\"voice-level-stream-outline\"]",
            "[data-tid=\"participant-speaker-ring\"]");
    static final String ROSTER_PARTICIPANT = "[data-tid=\"roster-participant\"]";
    static final String CHAT_BUTTON = "#chat-button";
    static final String CHAT_PANE = "[data-tid=\"chat-pane\"]";
    static final String CHAT_MESSAGE = "[data-tid=\"chat-pane-message\"]";
    static final String MESSAGE_AUTHOR = "[data-tid=\"message-author-name\"]";
    static final String MESSAGE_BODY = "[data-tid=\"messageBodyContent\"]";
    static final String COMPOSE = "[aria-label=\"Type a message\"], [placeholder=\"Type a message\"]";
    /** Notifications and live regions: never a state of the meeting (mute toasts, announcements, captions). */
    static final List<String> NOT_STATE = List.of("[role=\"alert\"]", "[role=\"log\"]", CHAT_PANE,
            CHAT_MESSAGE, "[data-tid=\"roster\"]", TILE, SELF_VIEW, COMPOSE);

    // ---- copy, compared lower case with straight apostrophes ----------------------------------------------------
    static final List<String> LOBBY_TEXTS = List.of("someone will let you in", "waiting to be admitted",
            "you're in the lobby", "we've let people in the meeting know you're waiting",
            "when the meeting starts, we'll let people know you're waiting");
    static final List<String> DENIED_TEXTS = List.of("you were denied access to the meeting",
            "your request to join was declined");
    static final List<String> REMOVED_TEXTS = List.of("you've been removed from this meeting",
            "you have been removed from this meeting", "removed you from the meeting");
    static final List<String> ENDED_TEXTS = List.of("meeting ended", "call ended", "the meeting has ended",
            "this meeting has ended");
    static final List<String> SIGN_IN_TEXTS = List.of("we need to verify your info before you can join",
            "to join, sign in or use teams on the web", "sign in to teams to join, or contact the meeting organizer",
            "due to org policy, you need to sign in", "external participants are not permitted to join before the event begins");
    static final List<String> CAPTCHA_TEXTS = List.of("verify you're a real person");
    static final List<String> BAD_URL_TEXTS = List.of("looks like the meeting url is incorrect",
            "we couldn't find the meeting", "this meeting link is invalid");
    /** Microsoft sign-in pages a guest link may bounce to when the organisation refuses anonymous guests. */
    static final List<String> SIGN_IN_HOSTS = List.of("login.microsoftonline.com", "login.live.com",
            "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn");
    static final String SIGN_IN_FORM = "input[name=\"loginfmt\"]";

    /** Teams sends one mixed track ({@code mainAudio...}) and redundant copies of speakers in it: only the mix counts. */
    static final String MAIN_AUDIO_PREFIX = "mainAudio";

    /**
     * A click Teams lets through happens at once; one that waits is usually under a prompt that appeared meanwhile,
     * so it gives up soon and the session answers the prompt and tries again.
     */
    private static final double CLICK_TIMEOUT_MS = 1_000;
    private static final String OBSERVER = resource("teams-observer.js");

    private TeamsPage() {}

    /** What the observer reports the page shows; the wire names are the observer's. */
    enum Screen {
        LAUNCHER("launcher"), LOADING("loading"), PREJOIN("prejoin"), LOBBY("lobby"), IN_CALL("in-call"),
        DENIED("denied"), REMOVED("removed"), ENDED("ended"), SIGN_IN("sign-in"), SIGN_IN_REQUIRED("sign-in-required"),
        CAPTCHA("captcha"), BAD_URL("bad-url");

        final String wireName;

        Screen(String wireName) { this.wireName = wireName; }

        /** An unknown name (an observer newer than this class) reads as still loading. */
        static Screen of(String wireName) {
            for (Screen s : values()) if (s.wireName.equals(wireName)) return s;
            return LOADING;
        }
    }

    /** The observer init script, given every selector and text above. */
    static String observerScript() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = json.createObjectNode();
        c.put("continueInBrowser", CONTINUE_IN_BROWSER_TEXT);
        c.put("nameInput", NAME_INPUT);
        c.put("joinButton", JOIN_BUTTON);
        c.put("avModalContinue", AV_MODAL_CONTINUE_TEXT);
        c.set("hangup", json.valueToTree(HANGUP));
        c.set("inCallSigns", json.valueToTree(IN_CALL_SIGNS));
        c.put("tile", TILE);
        c.put("selfView", SELF_VIEW);
        c.set("speaking", json.valueToTree(SPEAKING));
        c.put("rosterParticipant", ROSTER_PARTICIPANT);
        c.put("chatMessage", CHAT_MESSAGE);
        c.put("messageAuthor", MESSAGE_AUTHOR);
        c.put("messageBody", MESSAGE_BODY);
        c.put("compose", COMPOSE);
        c.set("notState", json.valueToTree(NOT_STATE));
        c.set("lobbyTexts", json.valueToTree(LOBBY_TEXTS));
        c.set("deniedTexts", json.valueToTree(DENIED_TEXTS));
        c.set("removedTexts", json.valueToTree(REMOVED_TEXTS));
        c.set("endedTexts", json.valueToTree(ENDED_TEXTS));
        c.set("signInTexts", json.valueToTree(SIGN_IN_TEXTS));
        c.set("captchaTexts", json.valueToTree(CAPTCHA_TEXTS));
        c.set("badUrlTexts", json.valueToTree(BAD_URL_TEXTS));
        c.set("signInHosts", json.valueToTree(SIGN_IN_HOSTS));
        c.put("signInForm", SIGN_IN_FORM);
        c.put("mainAudioPrefix", MAIN_AUDIO_PREFIX);
        return OBSERVER.replace("__TEAMS__", c.toString());
    }

    // ---- what the bot does; each step is short and the observer reports what follows -----------------------------

    static void open(Page page, String url) {
        page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.COMMIT));
    }

    static boolean continueInBrowser(Page page) {
        return click(page.locator(CONTINUE_IN_BROWSER).first());
    }

    /** Answers the audio/video prompt wherever it shows up; false only when it is up and could not be answered. */
    static boolean dismissAvModal(Page page) {
        Locator button = page.locator(AV_MODAL_CONTINUE).first();
        return !button.isVisible() || click(button);
    }

    /**
     * Types the name, keeps the microphone on (the bot may speak) with computer audio, and presses Join now. False
     * when something was in the way (a prompt over the form): the next report says what, and the bot tries again.
     */
    static boolean fillAndJoin(Page page, String botName) {
        dismissAvModal(page);
        try {
            Locator name = page.locator(NAME_INPUT).first();
            name.fill(botName, new Locator.FillOptions().setTimeout(CLICK_TIMEOUT_MS));
            Locator mute = page.locator(TOGGLE_MUTE).first();
            if (mute.isVisible() && String.valueOf(mute.getAttribute("aria-label")).toLowerCase().contains("unmute"))
                mute.click(new Locator.ClickOptions().setTimeout(CLICK_TIMEOUT_MS));
            Locator computerAudio = page.getByLabel(COMPUTER_AUDIO, new Page.GetByLabelOptions().setExact(true)).first();
            if (computerAudio.isVisible() && !computerAudio.isChecked())
                computerAudio.check(new Locator.CheckOptions().setTimeout(CLICK_TIMEOUT_MS));
            return click(page.locator(JOIN_BUTTON).first());
        } catch (PlaywrightException e) {
            return false;
        }
    }

    /** Opens the meeting chat so its messages are in the DOM; a no-op when it is open. */
    static boolean openChat(Page page) {
        return page.locator(COMPOSE).first().isVisible() || click(page.locator(CHAT_BUTTON).first());
    }

    static void sendChat(Page page, String text) {
        openChat(page);
        Locator box = page.locator(COMPOSE).first();
        box.fill(text, new Locator.FillOptions().setTimeout(CLICK_TIMEOUT_MS));
        box.press("Enter");
    }

    static void leave(Page page) {
        for (String hangup : HANGUP) {
            Locator button = page.locator(hangup).first();
            if (button.isVisible()) {
                click(button);
                return;
            }
        }
    }

    private static boolean click(Locator target) {
        try {
            target.click(new Locator.ClickOptions().setTimeout(CLICK_TIMEOUT_MS));
            return true;
        } catch (PlaywrightException e) {
            return false;
        }
    }

    private static String resource(String name) {
        try (InputStream in = TeamsPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
