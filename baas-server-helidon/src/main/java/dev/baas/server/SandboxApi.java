package dev.baas.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.store.Account;
import dev.baas.sandbox.MeetingState;
import dev.baas.sandbox.SandboxService;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The look-alike meeting platform over HTTP, for demos, scripts and the CLI: create a meeting with scripted
 * participants, act as its host, see who is in and what the bot wrote; a person can join it from a browser.
 */
final class SandboxApi {
    private final SandboxService sandbox;
    private final long maxBody;

    SandboxApi(SandboxService sandbox, long maxBody) {
        this.sandbox = sandbox;
        this.maxBody = maxBody;
    }

    void create(Account a, ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.readObject(req, maxBody);
        if (!body.path("participants").isArray()) throw BaasException.invalid("participants", "is required: a list of {name, says}");
        SandboxService.CreatedMeeting m;
        try {
            m = sandbox.create(body.toString());
        } catch (IllegalArgumentException e) {
            throw BaasException.invalid("body", e.getMessage());
        }
        Json.ok(res, Json.object().put("id", m.id()).put("meeting_url", m.meetingUrl()));
    }

    void get(Account a, ServerRequest req, ServerResponse res) { Json.ok(res, view(state(req))); }

    /** {@code POST /sandbox/meetings/{id}/{action}} with an optional {@code {"name": ...}} (default: everyone waiting). */
    void act(Account a, ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String action = req.path().pathParameters().get("action");
        ObjectNode body = Json.readOptionalObject(req, maxBody).orElse(Json.object());
        MeetingState state = state(req);
        java.util.List<String> names = body.hasNonNull("name") ? java.util.List.of(body.get("name").asText())
                : (action.equals("remove") ? state.inCall() : state.waiting()).stream().filter(x -> !x.scripted()).map(MeetingState.Attendee::name).toList();
        switch (action) {
            case "admit" -> names.forEach(n -> sandbox.admit(id, n));
            case "deny" -> names.forEach(n -> sandbox.deny(id, n));
            case "remove" -> names.forEach(n -> sandbox.remove(id, n));
            case "end" -> sandbox.end(id);
            case "start_host" -> sandbox.startHost(id);
            default -> throw new BaasException(ErrorCode.NOT_FOUND, "no sandbox action " + action
                    + " (admit, deny, remove, end, start_host)");
        }
        Json.ok(res, view(sandbox.state(id)));
    }

    /** {@code GET /sandbox/meetings/{id}/join}: the meeting page, to join from one's own browser. */
    void page(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        sandbox.state(id);
        // the sandbox's own page, also for look-alike meetings: their real host names only resolve in the bots' browser
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, sandbox.pageUrl(id)).send();
    }

    private MeetingState state(ServerRequest req) {
        try {
            return sandbox.state(req.path().pathParameters().get("id"));
        } catch (RuntimeException e) {
            throw new BaasException(ErrorCode.NOT_FOUND, "no sandbox meeting " + req.path().pathParameters().get("id"));
        }
    }

    private static ObjectNode view(MeetingState s) {
        ObjectNode n = Json.object().put("id", s.id()).put("meeting_url", s.meetingUrl()).put("ended", s.ended());
        var in = n.putArray("in_call");
        s.inCall().forEach(x -> in.addObject().put("name", x.name()).put("scripted", x.scripted()).put("speaking", x.speaking()));
        var waiting = n.putArray("waiting");
        s.waiting().forEach(x -> waiting.addObject().put("name", x.name()));
        var chat = n.putArray("chat");
        s.chat().forEach(c -> chat.addObject().put("at", c.at().toString()).put("sender", c.sender()).put("text", c.text()));
        return n;
    }
}
