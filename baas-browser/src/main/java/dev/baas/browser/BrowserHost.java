package dev.baas.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One Chromium process and the one thread allowed to talk to it. Playwright objects are not thread-safe, so every
 * call on this browser, its contexts and pages runs as a task on {@link #thread}; bots submit tasks and wait on
 * futures. While idle the thread sends a cheap CDP command, which both delivers Playwright's events (they are only
 * dispatched inside a Playwright call) and notices a dead browser.
 */
final class BrowserHost {
    private static final long IDLE_PUMP_MILLIS = 200, SCREENCAST_PUMP_MILLIS = 15;

    final String marker = "baas-" + UUID.randomUUID();
    private final BrowserSettings settings;
    private final BlockingQueue<HostTask<?>> tasks = new LinkedBlockingQueue<>();
    private final Set<BotPage> bots = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    final AtomicInteger screencasts = new AtomicInteger();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final CompletableFuture<Void> warmed = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean alive = true;
    private volatile String failure = "";

    // Confined to the host thread.
    private Playwright playwright;
    private Browser browser;
    private CDPSession pump;
    private final ArrayDeque<Warm> warm = new ArrayDeque<>();

    private record Warm(BrowserContext context, Page page) {}

    private record HostTask<T>(Supplier<T> work, CompletableFuture<T> result) {
        void run() {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        void fail(String why) { result.completeExceptionally(new IllegalStateException(why)); }
    }

    private final java.util.function.Consumer<BrowserHost> onDeath;

    BrowserHost(BrowserSettings settings, int number, java.util.function.Consumer<BrowserHost> onDeath) {
        this.settings = settings;
        this.onDeath = onDeath;
        this.thread = Thread.ofPlatform().name("baas-browser-" + number).daemon(true).unstarted(this::loop);
        thread.start();
    }

    boolean alive() { return alive; }

    String failure() { return failure; }

    /** Claims a seat for one bot if this browser has room. */
    boolean reserve() {
        while (true) {
            int n = reserved.get();
            if (!alive || n >= settings.botsPerBrowser()) return false;
            if (reserved.compareAndSet(n, n + 1)) return true;
        }
    }

    void release(BotPage bot) {
        if (bots.remove(bot)) reserved.decrementAndGet();
    }

    void releaseUnused() { reserved.decrementAndGet(); }

    int bots() { return bots.size(); }

    <T> CompletableFuture<T> submit(Supplier<T> work) {
        HostTask<T> task = new HostTask<>(work, new CompletableFuture<>());
        if (!alive) {
            task.fail("browser is gone: " + failure);
            return task.result();
        }
        tasks.add(task);
        if (!alive) drain();
        return task.result();
    }

    boolean onHostThread() { return Thread.currentThread() == thread; }

    /** Runs on the host thread: gives {@code bot} a context and page with the runtime's scripts installed. */
    void attach(BotPage bot, List<String> scripts) {
        Warm w = warm.poll();
        if (w == null) w = newContext();
        Page page = w.page();
        for (String script : scripts) page.addInitScript(script);
        page.onCrash(p -> bot.fail("the page crashed"));
        bot.attach(w.context(), page);
        bots.add(bot);
    }

    void close() {
        if (!alive) return;
        CompletableFuture<Void> stop = submit(() -> {
            stop("browser runtime closed");
            return null;
        });
        try {
            stop.get(15, TimeUnit.SECONDS);
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stop("browser runtime closed: " + e.getMessage());
        }
    }

    private void loop() {
        try {
            launch();
            ready.complete(null);
        } catch (RuntimeException e) {
            stop("the browser did not start: " + e.getMessage());
            ready.completeExceptionally(e);
            warmed.completeExceptionally(e);
            shutdownPlaywright();
            return;
        }
        try {
            while (alive) {
                HostTask<?> task = tasks.poll(screencasts.get() > 0 ? SCREENCAST_PUMP_MILLIS : IDLE_PUMP_MILLIS,
                        TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                    continue;
                }
                if (warm.size() < settings.warmContexts() && warm.size() + bots.size() < settings.botsPerBrowser()) {
                    warm.add(newContext());
                    continue;
                }
                warmed.complete(null);
                pump.send("Browser.getVersion");
            }
        } catch (PlaywrightException e) {
            stop("the browser stopped responding: " + e.getMessage());
        } catch (InterruptedException e) {
            stop("browser thread interrupted");
        }
        shutdownPlaywright();
    }

    private void launch() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new ArrayList<>(settings.chromiumArgs());
        args.add("--" + marker); // lets tools and tests find this browser's processes
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(settings.executable())
                .setHeadless(settings.headless())
                .setArgs(args));
        browser.onDisconnected(b -> stop("the browser disconnected (crashed or was killed)"));
        pump = browser.newBrowserCDPSession();
    }

    private Warm newContext() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBypassCSP(true) // the capture worklet is loaded from a Blob URL
                .setIgnoreHTTPSErrors(true)
                .setViewportSize(1280, 720));
        return new Warm(context, context.newPage());
    }

    private void stop(String why) {
        if (!alive) return;
        failure = why;
        alive = false;
        warmed.complete(null);
        for (BotPage bot : bots) bot.fail(why);
        drain();
        onDeath.accept(this);
    }

    private void drain() {
        for (HostTask<?> t; (t = tasks.poll()) != null; ) t.fail("browser is gone: " + failure);
    }

    private void shutdownPlaywright() {
        if (playwright == null) return;
        try {
            playwright.close();
        } catch (PlaywrightException e) {
            failure = failure + "; closing Playwright failed: " + e.getMessage();
        }
        drain();
    }
}
