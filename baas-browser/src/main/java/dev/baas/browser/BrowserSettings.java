package dev.baas.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the shared Chromium is started. {@code extraArgs} are appended to the built-in flags (operators use them for
 * proxies and {@code --host-resolver-rules}); {@code botsPerBrowser} caps how many bots share one browser process
 * (a crash takes down at most that many); {@code warmContexts} is how many ready contexts each browser keeps so a
 * join does not pay for creating one; {@code video} is the size and rate of meeting-view frames for bots that record
 * video.
 */
public record BrowserSettings(Path executable, List<String> extraArgs, int botsPerBrowser, int warmContexts,
                              boolean headless, VideoCapture video) {
    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    public BrowserSettings {
        Objects.requireNonNull(executable, "executable");
        extraArgs = List.copyOf(extraArgs);
        if (botsPerBrowser < 1) throw new IllegalArgumentException("botsPerBrowser must be at least 1");
        if (warmContexts < 0) throw new IllegalArgumentException("warmContexts must not be negative");
        java.util.Objects.requireNonNull(video, "video");
    }

    public static BrowserSettings defaults() {
        return new BrowserSettings(DEBIAN_CHROMIUM, List.of(), 10, 1, true, VideoCapture.hd());
    }

    /** Reads {@code BAAS_BROWSER_EXECUTABLE} and {@code BAAS_BROWSER_ARGS} (shell-like, double quotes group). */
    public static BrowserSettings fromEnvironment(Map<String, String> env) {
        BrowserSettings d = defaults();
        Path exe = env.containsKey("BAAS_BROWSER_EXECUTABLE") ? Path.of(env.get("BAAS_BROWSER_EXECUTABLE")) : d.executable;
        return new BrowserSettings(exe, splitArgs(env.getOrDefault("BAAS_BROWSER_ARGS", "")), d.botsPerBrowser,
                d.warmContexts, d.headless, d.video);
    }

    public BrowserSettings withExtraArgs(List<String> args) {
        return new BrowserSettings(executable, args, botsPerBrowser, warmContexts, headless, video);
    }

    public BrowserSettings withWarmContexts(int n) {
        return new BrowserSettings(executable, extraArgs, botsPerBrowser, n, headless, video);
    }

    public BrowserSettings withBotsPerBrowser(int n) {
        return new BrowserSettings(executable, extraArgs, n, warmContexts, headless, video);
    }

    public BrowserSettings withVideo(VideoCapture v) {
        return new BrowserSettings(executable, extraArgs, botsPerBrowser, warmContexts, headless, v);
    }

    /** Splits on whitespace outside double quotes and drops the quotes: {@code --a="x y" --b} → [--a=x y, --b]. */
    public static List<String> splitArgs(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false, any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (Character.isWhitespace(c) && !quoted) {
                if (any) out.add(current.toString());
                current.setLength(0);
                any = false;
            } else { current.append(c); any = true; }
        }
        if (any) out.add(current.toString());
        return out;
    }

    /** The flags every bot browser gets; measured to work headless as root on Debian's Chromium. */
    List<String> chromiumArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights"));
        args.addAll(extraArgs);
        return args;
    }
}
