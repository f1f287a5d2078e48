package dev.baas.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /openapi.json}: the operations this server routes, generated from the same list the routing uses. */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_]+)}");

    private OpenApi() {}

    static ObjectNode document(List<Operation> operations) {
        ObjectNode doc = Json.object().put("openapi", "3.1.0");
        doc.putObject("info").put("title", "baas").put("version", "1.1")
                .put("description", "Meeting bots as a service, wire-compatible with the Meeting BaaS v1 API. Every path is "
                        + "also served with a trailing slash (or without one). Errors are JSON {error, code, field, details}.");
        doc.putObject("components").putObject("securitySchemes").putObject("ApiKeyAuth")
                .put("type", "apiKey").put("in", "header").put("name", Auth.MEETING_BAAS_KEY.defaultCase());
        ObjectNode paths = doc.putObject("paths");
        for (Operation op : operations) {
            ObjectNode path = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : paths.putObject(op.path());
            ObjectNode o = path.putObject(op.method().text().toLowerCase(Locale.ROOT))
                    .put("operationId", op.operationId()).put("summary", op.summary()).put("x-meeting-baas-v1", op.v1());
            ArrayNode security = o.putArray("security");
            if (op.authenticated()) security.addObject().putArray("ApiKeyAuth");
            Matcher m = PARAM.matcher(op.path());
            ArrayNode params = o.putArray("parameters");
            while (m.find()) {
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            ObjectNode responses = o.putObject("responses");
            if (op.implemented()) responses.putObject(Integer.toString(op.successStatus())).put("description", "success");
            else responses.putObject("501").put("description", "not implemented by this server yet");
            if (op.authenticated()) {
                responses.putObject("401").put("description", "missing or unknown API key");
                responses.putObject("429").put("description", "the API key is over its rate limit; Retry-After says when to try again");
            }
            responses.putObject("400").put("description", "invalid request; the body names the field");
        }
        return doc;
    }
}
