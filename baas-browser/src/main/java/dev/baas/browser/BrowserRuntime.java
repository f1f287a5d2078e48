package dev.baas.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared Chromium runtime for browser-driven platforms: a few browser processes, each hosting up to
 * {@link BrowserSettings#botsPerBrowser()} bots in their own contexts, started ahead of time with warm contexts,
 * and a loopback media bridge for captured audio and the bots' microphones. Hosts give it to plugins as a
 * service: {@code Baas.builder().service(BrowserRuntime.class, runtime)}.
 */
public final class BrowserRuntime implements AutoCloseable {
    private static final String MEDIA_SCRIPT = resource("bot-media.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OPEN_TIMEOUT_SECONDS = 60;

    private final BrowserSettings settings;
    private final MediaBridge bridge = new MediaBridge();
    private final List<BrowserHost> hosts = new ArrayList<>();
    private int hostNumber;
    private boolean closed;

    private BrowserRuntime(BrowserSettings settings) {
        this.settings = settings;
    }

    /** Starts the media bridge and the first browser (in the background); returns at once. */
    public static BrowserRuntime start(BrowserSettings settings) {
        BrowserRuntime runtime = new BrowserRuntime(settings);
        runtime.bridge.startAndWait();
        synchronized (runtime) {
            runtime.hosts.add(runtime.newHost());
        }
        return runtime;
    }

    public BrowserSettings settings() { return settings; }

    /** Waits until the first browser runs and its warm contexts exist (for tests and benchmarks). */
    public void awaitWarm(Duration timeout) {
        BrowserHost first;
        synchronized (this) {
            first = hosts.isEmpty() ? null : hosts.getFirst();
        }
        if (first == null) return;
        try {
            first.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            first.warmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.UNAVAILABLE, "interrupted while warming the browser", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "the browser did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a page for one bot in its own context, with the fake camera and microphone and (if asked) audio
     * capture installed before any of the platform's scripts. Nothing is navigated yet.
     */
    public BotPage open(BotPageSpec spec) {
        BrowserHost host = seat();
        BotPage bot = new BotPage(host, bridge, spec);
        String wsUrl = bridge.register(bot);
        List<String> scripts = new ArrayList<>();
        scripts.add(mediaScript(spec, wsUrl));
        scripts.addAll(spec.initScripts());
        try {
            host.submit(() -> {
                host.attach(bot, scripts);
                return null;
            }).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return bot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(bot, host, e);
        } catch (ExecutionException | TimeoutException e) {
            throw abandon(bot, host, e);
        }
    }

    private BaasException abandon(BotPage bot, BrowserHost host, Exception e) {
        bridge.unregister(bot);
        host.releaseUnused();
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        return new BaasException(ErrorCode.UNAVAILABLE, "could not open a browser page for bot \""
                + bot.botName() + "\": " + cause.getMessage(), cause);
    }

    /** Bots currently open, over all browsers. */
    public synchronized int bots() {
        return hosts.stream().mapToInt(BrowserHost::bots).sum();
    }

    /** The process-marker flag of each live browser (its command line contains {@code --<marker>}). */
    public synchronized List<String> browserMarkers() {
        return hosts.stream().filter(BrowserHost::alive).map(h -> h.marker).toList();
    }

    private synchronized BrowserHost seat() {
        if (closed) throw new BaasException(ErrorCode.UNAVAILABLE, "the browser runtime is closed");
        hosts.removeIf(h -> !h.alive());
        for (BrowserHost h : hosts) if (h.reserve()) return h;
        BrowserHost h = newHost();
        hosts.add(h);
        if (!h.reserve()) throw new BaasException(ErrorCode.UNAVAILABLE, "a new browser refused its first bot");
        return h;
    }

    private BrowserHost newHost() {
        return new BrowserHost(settings, ++hostNumber, this::hostDied);
    }

    /** A browser went away: if it was the last one, start a replacement so the next join is warm again. */
    private synchronized void hostDied(BrowserHost host) {
        hosts.remove(host);
        if (!closed && hosts.stream().noneMatch(BrowserHost::alive)) hosts.add(newHost());
    }

    private static String mediaScript(BotPageSpec spec, String wsUrl) {
        ObjectNode cfg = JSON.createObjectNode();
        cfg.put("ws", wsUrl);
        cfg.put("name", spec.botName());
        cfg.put("image", spec.botImage().orElse(""));
        cfg.put("capture", spec.captureAudio());
        cfg.put("playback", spec.captureAudio() && spec.capturePlayback());
        return MEDIA_SCRIPT.replace("__BAAS_CONFIG__", cfg.toString());
    }

    static String resource(String name) {
        try (InputStream in = BrowserRuntime.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes every browser; bots still open are told they failed. Never throws. */
    @Override public void close() {
        List<BrowserHost> toClose;
        synchronized (this) {
            if (closed) return;
            closed = true;
            toClose = List.copyOf(hosts);
            hosts.clear();
        }
        for (BrowserHost h : toClose) h.close();
        try {
            bridge.stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
