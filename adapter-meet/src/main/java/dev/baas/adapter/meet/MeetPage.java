package dev.baas.adapter.meet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the bot knows about Google Meet's web client (English UI), in one place: the selectors and copy the
 * observer script reads, and the few things the bot does on the page. Copy drifts, so every list is "known
 * variants"; the observer matches it with curly quotes and ellipses folded to plain ones.
 */
final class MeetPage {
    // ---- pre-join ---------------------------------------------------------------------------------------------
    static final String NAME_INPUT = "input[type=text][aria-label=\"Your name\"], input[type=text][placeholder=\"Your name\"]";
    /** The primary call to action; the lobby's 3-dot menu is also a button with a span, but carries an aria-label. */
    static final List<String> JOIN_BUTTONS = List.of("Ask to join", "Join now", "Ask to join anyway", "Join the call now",
            "Join anyway", "Join here too", "Switch here");
    /** Buttons of pre-join prompts (device checks, "use without an account") that cover the form until answered. */
    static final List<String> PROMPT_BUTTONS = List.of("Dismiss", "Got it", "Use without an account");
    static final String MIC_ON = "[aria-label=\"Turn off microphone\"]", MIC_OFF = "[aria-label=\"Turn on microphone\"]";

    // ---- screens, checked in this order ---------------------------------------------------------------------------
    static final List<String> NOT_FOUND = List.of("Check your meeting code", "Invalid video call name",
            "Your meeting code has expired", "The meeting code you entered doesn't work");
    static final List<String> BLOCKED = List.of("You can't join this video call", "You can't join this meeting",
            "There is a problem connecting to this video call");
    static final List<String> DENIED = List.of("Someone in the call denied your request to join",
            "No one responded to your request to join the call", "Your request to join was denied",
            "weren't allowed to join");
    static final List<String> REMOVED = List.of("You've been removed from the meeting", "You have been removed from the meeting");
    static final List<String> ENDED = List.of("Your host ended the meeting for everyone", "The call ended",
            "ended the meeting for everyone");
    /** Shown after leaving, and also after a denial: it is never a reason on its own to think the bot was let in. */
    static final List<String> LEFT = List.of("You left the meeting");
    /** The lobby; checked before any sign of being in the call, and "Return to home screen" is not a refusal. */
    static final List<String> WAITING = List.of("Asking to be let in", "You'll join the call when someone lets you in",
            "Please wait until a meeting host brings you into the call", "admits you to the call",
            "Waiting for the host to let you in", "Waiting for the host to join");
    static final String SIGN_IN_HEADING = "Sign in", SIGN_IN_CONTEXT = "your Google Account";

    // ---- in the call ------------------------------------------------------------------------------------------
    /**
     * Positive signs of admission. The lobby also renders the call controls and Leave call, so they prove nothing;
     * the self preview in the lobby carries a participant id too and is told apart by its effects button.
     */
    static final String TILE = "[data-participant-id]", SELF_NAME = "[data-self-name]", TILE_NAME = "span.notranslate";
    static final String SELF_PREVIEW_MARK = "button[aria-label=\"Backgrounds and effects\"]";
    static final String SHARE_BUTTONS = "button[aria-label=\"Present now\"], button[aria-label=\"Share screen\"]";
    static final List<String> SPEAKING_CLASSES = List.of("Oaajhc", "HX2H7", "wEsLMd", "OgVli");
    static final String AUDIO_LEVEL = "[data-audio-level]";
    static final String DIALOG = "div[aria-modal=\"true\"][role=\"dialog\"]";
    /** Recording / transcription / Gemini notices: only their primary button lets the bot stay. */
    static final String CONSENT_CONFIRM = "button[data-mdc-dialog-action=\"ok\"]";
    static final String CALL_CONTROLS = "div[role=\"region\"][aria-label=\"Call controls\"]";
    static final String LEAVE = "button[aria-label=\"Leave call\"]";
    static final String JUST_LEAVE = "Just leave the meeting";
    static final String CHAT_BUTTON = "button[aria-label=\"Chat with everyone\"]";
    static final String CHAT_INPUT = "textarea[aria-label=\"Send a message\"], textarea[placeholder=\"Send a message\"], "
            + "textarea[aria-label=\"Send a message to everyone\"]";
    static final String CHAT_MESSAGE = "[data-message-id]", CHAT_MESSAGE_ID = "data-message-id";
    static final String CHAT_GROUP = "[data-sender-id]", CHAT_SENDER = ".sender", CHAT_TEXT = "[data-message-text]";
    /** How Meet names the reader's own messages. */
    static final List<String> CHAT_SELF = List.of("You");
    /** The data channel whose messages say which participant each of the three audio slots carries. */
    static final String SLOT_CHANNEL = "collections";

    /** Playwright hands the pattern to the page as a JavaScript regex: plain alternatives, no Java quoting. */
    private static final Pattern JOIN_BUTTON_NAME = Pattern.compile("^(" + String.join("|", JOIN_BUTTONS) + ")$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACTION_TIMEOUT_MS = 3_000, QUICK_TIMEOUT_MS = 1_000, KEY_DELAY_MS = 15, NOTICE_ROUNDS = 6;

    private MeetPage() {}

    /** The meeting URL with the English UI forced, as text selectors only match English copy. */
    static String joinUrl(String meetingUrl) {
        return meetingUrl + (meetingUrl.contains("?") ? "&" : "?") + "hl=en";
    }

    /** The observer init script, with this class's selectors and copy filled in. */
    static String observerScript() {
        Map<String, Object> texts = new LinkedHashMap<>();
        texts.put("notFound", NOT_FOUND);
        texts.put("blocked", BLOCKED);
        texts.put("denied", DENIED);
        texts.put("removed", REMOVED);
        texts.put("ended", ENDED);
        texts.put("left", LEFT);
        texts.put("waiting", WAITING);
        texts.put("joinButtons", JOIN_BUTTONS);
        texts.put("promptButtons", PROMPT_BUTTONS);
        Map<String, Object> dom = new LinkedHashMap<>();
        dom.put("texts", texts);
        dom.put("signIn", Map.of("heading", SIGN_IN_HEADING, "context", SIGN_IN_CONTEXT));
        dom.put("nameInput", NAME_INPUT);
        dom.put("micOn", MIC_ON);
        dom.put("micOff", MIC_OFF);
        dom.put("tile", TILE);
        dom.put("selfName", SELF_NAME);
        dom.put("tileName", TILE_NAME);
        dom.put("selfPreviewMark", SELF_PREVIEW_MARK);
        dom.put("shareButtons", SHARE_BUTTONS);
        dom.put("speakingClasses", SPEAKING_CLASSES);
        dom.put("audioLevel", AUDIO_LEVEL);
        dom.put("dialog", DIALOG);
        dom.put("consentConfirm", CONSENT_CONFIRM);
        dom.put("chatInput", CHAT_INPUT);
        dom.put("chatMessage", CHAT_MESSAGE);
        dom.put("chatMessageIdAttribute", CHAT_MESSAGE_ID);
        dom.put("chatGroup", CHAT_GROUP);
        dom.put("chatSender", CHAT_SENDER);
        dom.put("chatText", CHAT_TEXT);
        dom.put("chatSelfSenders", CHAT_SELF);
        dom.put("slotChannel", SLOT_CHANNEL);
        try {
            return resource("meet-observer.js").replace("__MEET_DOM__", JSON.writeValueAsString(dom));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Meet selectors do not serialise", e);
        }
    }

    // ---- what the bot does -----------------------------------------------------------------------------------

    static void open(Page page, String meetingUrl) { page.navigate(joinUrl(meetingUrl)); }

    static void dismissPrompt(Page page) {
        Locator dialog = page.locator(DIALOG);
        for (String label : PROMPT_BUTTONS) {
            Locator button = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(label).setExact(true));
            if (button.count() > 0 && button.first().isVisible()) {
                button.first().click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
                return;
            }
        }
    }

    /** Types the name key by key: Meet ignores values that were not typed. */
    static void typeName(Page page, String name) {
        Locator input = page.locator(NAME_INPUT).first();
        input.click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
        input.press("Control+A", new Locator.PressOptions().setTimeout(ACTION_TIMEOUT_MS));
        input.press("Delete", new Locator.PressOptions().setTimeout(ACTION_TIMEOUT_MS));
        input.pressSequentially(name, new Locator.PressSequentiallyOptions().setDelay(KEY_DELAY_MS));
    }

    static void askToJoin(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(JOIN_BUTTON_NAME))
                .first().click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    static void confirmNotice(Page page) {
        Locator confirm = page.locator(DIALOG + " " + CONSENT_CONFIRM).first();
        if (confirm.isVisible()) confirm.click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    static void openChat(Page page) {
        if (page.locator(CHAT_INPUT).first().isVisible()) return;
        showToolbar(page);
        page.locator(CHAT_BUTTON).first().click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    static void turnOnMicrophone(Page page) {
        if (page.locator(MIC_OFF).count() == 0) return;
        showToolbar(page);
        page.locator(MIC_OFF).first().click(new Locator.ClickOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    /** Writes in the chat, opening the panel when it is closed. */
    static void sendChat(Page page, String text) {
        pastNotices(page, () -> {
            openChat(page);
            Locator input = page.locator(CHAT_INPUT).first();
            input.fill(text, new Locator.FillOptions().setTimeout(QUICK_TIMEOUT_MS));
            input.press("Enter", new Locator.PressOptions().setTimeout(ACTION_TIMEOUT_MS));
        });
    }

    /** Leaves with the Leave call button (and the follow-up "just leave" choice when Meet offers one). */
    static void leave(Page page) {
        pastNotices(page, () -> {
            showToolbar(page);
            Locator leave = page.locator(LEAVE).first();
            if (!leave.isVisible()) return;
            leave.click(new Locator.ClickOptions().setTimeout(QUICK_TIMEOUT_MS));
            Locator justLeave = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(JUST_LEAVE));
            if (justLeave.count() > 0 && justLeave.first().isVisible()) justLeave.first().click();
        });
    }

    /**
     * Runs an in-call action that a notice may block: one can open at any moment after joining (and covers the
     * page until its primary button is pressed), so the action is retried a bounded number of times, confirming
     * whatever notice is open before each round.
     */
    private static void pastNotices(Page page, Runnable action) {
        PlaywrightException last = null;
        for (int round = 0; round < NOTICE_ROUNDS; round++) {
            try {
                confirmNotice(page);
                action.run();
                return;
            } catch (PlaywrightException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Meet hides the toolbar when the pointer rests; a small pointer move brings it back. */
    static void showToolbar(Page page) {
        var size = page.viewportSize();
        double x = size == null ? 400 : size.width / 2.0, y = size == null ? 300 : size.height / 2.0;
        page.mouse().move(x - 7, y - 5);
        page.mouse().move(x, y, new Mouse.MoveOptions().setSteps(3));
        page.locator(CALL_CONTROLS).first().waitFor(new Locator.WaitForOptions().setTimeout(ACTION_TIMEOUT_MS));
    }

    private static String resource(String name) {
        try (InputStream in = MeetPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
