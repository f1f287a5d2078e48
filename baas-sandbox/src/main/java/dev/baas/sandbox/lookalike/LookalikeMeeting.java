package dev.baas.sandbox.lookalike;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One running look-alike meeting as its pages need it: the room to signal in, whether the host is there yet,
 * whether anonymous guests are refused, and its passcode (empty if none).
 */
public record LookalikeMeeting(String roomId, String meetingKey, String platform, String topology, String signalUrl,
                               boolean hostPresent, boolean signInRequired, String passcode) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = resource("/dev/baas/sandbox/sandbox-call.js");

    /**
     * Fills a page template: {@code __SANDBOX__} becomes the page's config object ({@code room, signal, platform,
     * topology, hostPresent, signInRequired, passcode}) and {@code __SANDBOX_CALL__} the SandboxCall library.
     */
    public String render(String template) {
        ObjectNode cfg = JSON.createObjectNode().put("room", roomId).put("signal", signalUrl).put("platform", platform)
                .put("topology", topology).put("hostPresent", hostPresent).put("signInRequired", signInRequired)
                .put("passcode", passcode);
        return template.replace("__SANDBOX_CALL__", CALL).replace("__SANDBOX__", cfg.toString());
    }

    /** A classpath resource as text (templates of the sites live beside their classes). */
    public static String resource(String path) {
        try (InputStream in = LookalikeMeeting.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
