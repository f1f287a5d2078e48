package dev.baas.sandbox;

import com.microsoft.playwright.Page;

/** Everything the bot does on the sandbox's meeting page, in one place (with sandbox-observer.js). */
final class SandboxPage {
    private SandboxPage() {}

    static void askToJoin(Page page, String url, String botName, boolean receiveVideo) {
        page.navigate(url);
        if (page.locator("#lobby").isHidden()) return; // not-found and friends: the observer reports them
        page.fill("#name", botName);
        page.locator("#recv-video").setChecked(receiveVideo);
        page.click("#join");
    }

    static void sendChat(Page page, String text) {
        page.fill("#chat-input", text);
        page.click("#chat-send");
    }

    static void leave(Page page) {
        if (page.locator("#leave").isVisible()) page.click("#leave");
    }
}
