/**
 * The shared Chromium runtime for browser-driven meeting platforms.
 *
 * <p>A host creates one {@link dev.baas.browser.BrowserRuntime} and offers it to plugins as a service:
 * <pre>{@code
 * BrowserRuntime browser = BrowserRuntime.start(BrowserSettings.fromEnvironment(System.getenv()));
 * Baas baas = Baas.builder().discoverPlugins().service(BrowserRuntime.class, browser).build();
 * }</pre>
 * A platform adapter gets it with {@code context.service(BrowserRuntime.class)}, opens one {@link
 * dev.baas.browser.BotPage} per bot (its own browser context, with a fake camera and microphone and audio capture
 * installed before the platform's scripts), drives the page with short tasks on the browser's thread, and learns
 * about the page from reports its own init script sends with {@code window.__baasMedia.report(kind, data)}.
 */
package dev.baas.browser;
