package dev.baas.sandbox.lookalike;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zoom as a guest meets it in a browser: the invite's launch page {@code zoom.us/j/<number>?pwd=} with its "Join
 * from your browser" link, and the web client {@code app.zoom.us/wc/<number>/join?pwd=} with the cookie banner,
 * device prompt, passcode and name form, the host-not-started page, the sign-in gate, the waiting room inside the
 * meeting shell and the meeting itself. Media come as a PCM mix the page plays through Web Audio, as the real client's
 * WebAssembly decoder does, so no remote WebRTC audio track exists to tap.
 */
final class ZoomSite implements LookalikeSite {
    static final String PLATFORM = "zoom";
    private static final String WEB_CLIENT = LookalikeMeeting.resource("/dev/baas/sandbox/lookalike/zoom/wc.html");
    private static final String LAUNCH = LookalikeMeeting.resource("/dev/baas/sandbox/lookalike/zoom/launch.html");
    private static final String INVALID = LookalikeMeeting.resource("/dev/baas/sandbox/lookalike/zoom/invalid.html");
    private static final Pattern INVITE = Pattern.compile("/[jw]/(\\d{9,11})/?");
    private static final Pattern WEB_CLIENT_PATH = Pattern.compile("/wc/(\\d{9,11})/join/?");
    private static final Pattern CLASSIC_WEB_CLIENT_PATH = Pattern.compile("/wc/join/(\\d{9,11})/?");
    private static final Pattern PASSCODE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String PASSCODE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Override public String platform() { return PLATFORM; }

    @Override public List<String> hosts() { return List.of("zoom.us", "app.zoom.us", "*.zoom.us", "zoomgov.com"); }

    /** An 11-digit meeting number (never starting with 0) and a 32-character passcode, as Zoom's invites carry. */
    @Override public Minted mint(SecureRandom random) {
        StringBuilder number = new StringBuilder().append(1 + random.nextInt(9));
        for (int i = 0; i < 10; i++) number.append(random.nextInt(10));
        StringBuilder passcode = new StringBuilder();
        for (int i = 0; i < 32; i++) passcode.append(PASSCODE_LETTERS.charAt(random.nextInt(PASSCODE_LETTERS.length())));
        return new Minted("https://zoom.us/j/" + number + "?pwd=" + passcode, number.toString(), passcode.toString());
    }

    @Override public Optional<Page> serve(Request request, Lookup meetings) {
        Optional<String> pwd = request.param("pwd").filter(p -> PASSCODE.matcher(p).matches());
        Matcher invite = INVITE.matcher(request.path());
        if (invite.matches())
            return Optional.of(Page.html(LAUNCH.replace("__WEB_CLIENT_URL__", webClientUrl(request.host(), invite.group(1), pwd))));
        Matcher classic = CLASSIC_WEB_CLIENT_PATH.matcher(request.path());
        if (classic.matches()) return Optional.of(Page.redirect(webClientUrl(request.host(), classic.group(1), pwd)));
        Matcher client = WEB_CLIENT_PATH.matcher(request.path());
        if (!client.matches()) return Optional.empty();
        // Zoom answers an unknown number with its error page, not a 404.
        return Optional.of(Page.html(meetings.byKey(client.group(1)).map(m -> m.render(WEB_CLIENT)).orElse(INVALID)));
    }

    /** The web client lives on {@code app.zoom.us}; an organisation's vanity host keeps its own name. */
    private static String webClientUrl(String host, String number, Optional<String> pwd) {
        boolean generic = host.equals("zoom.us") || host.equals("www.zoom.us") || host.equals("app.zoom.us");
        return "https://" + (generic ? "app.zoom.us" : host) + "/wc/" + number + "/join"
                + pwd.map(p -> "?pwd=" + p).orElse("");
    }
}
