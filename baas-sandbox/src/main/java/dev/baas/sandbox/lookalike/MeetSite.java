package dev.baas.sandbox.lookalike;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Google Meet's look-alike: {@code https://meet.google.com/abc-defg-hij} opens the guest pre-join page, the lobby
 * and the call; unknown codes get "Check your meeting code"; meetings that refuse anonymous guests send the browser
 * to the Google Accounts sign-in page, as Meet does. Media use Meet's topology: three audio slots carrying the
 * loudest speakers, named on the {@code collections} data channel.
 */
final class MeetSite implements LookalikeSite {
    private static final String HOST = "meet.google.com", ACCOUNTS = "accounts.google.com";
    private static final Pattern MEETING_PATH = Pattern.compile("/(?:_meet/)?([A-Za-z0-9][A-Za-z0-9-]{3,38}[A-Za-z0-9])/?");
    private static final String BASE = "/dev/baas/sandbox/lookalike/meet/";
    private static final String CALL = LookalikeMeeting.resource(BASE + "call.html");
    private static final String NOT_FOUND = LookalikeMeeting.resource(BASE + "not-found.html");
    private static final String HOME = LookalikeMeeting.resource(BASE + "home.html");
    private static final String SIGN_IN = LookalikeMeeting.resource(BASE + "signin.html");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    @Override public String platform() { return "meet"; }

    @Override public List<String> hosts() { return List.of(HOST, ACCOUNTS); }

    @Override public Minted mint(SecureRandom random) {
        String code = letters(random, 3) + "-" + letters(random, 4) + "-" + letters(random, 3);
        return new Minted("https://" + HOST + "/" + code, code, "");
    }

    @Override public Optional<Page> serve(Request request, Lookup meetings) {
        if (request.host().equals(ACCOUNTS))
            return request.path().startsWith("/v3/signin/") || request.path().startsWith("/ServiceLogin")
                    ? Optional.of(Page.html(SIGN_IN)) : Optional.empty();
        if (request.path().equals("/") || request.path().isEmpty()) return Optional.of(Page.html(HOME));
        var m = MEETING_PATH.matcher(request.path());
        if (!m.matches()) return Optional.empty();
        String code = m.group(1).toLowerCase(Locale.ROOT);
        Optional<LookalikeMeeting> meeting = meetings.byKey(code);
        if (meeting.isEmpty()) return Optional.of(Page.html(NOT_FOUND));
        if (meeting.get().signInRequired()) {
            // Meet hands a guest it will not take to the account sign-in, coming back to the meeting afterwards.
            String back = URLEncoder.encode("https://" + HOST + "/" + code + "?hl=en", StandardCharsets.UTF_8);
            return Optional.of(Page.redirect("https://" + ACCOUNTS + "/v3/signin/identifier?continue=" + back
                    + "&hl=en&service=meet&flowName=GlifWebSignIn"));
        }
        return Optional.of(Page.html(meeting.get().render(CALL)));
    }

    private static String letters(SecureRandom random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        return b.toString();
    }
}
