package dev.baas.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Violation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reading request bodies (bounded, strict JSON) and writing JSON responses. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    static ObjectNode object() { return MAPPER.createObjectNode(); }

    static ArrayNode array() { return MAPPER.createArrayNode(); }

    static void send(ServerResponse res, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }

    static void ok(ServerResponse res, JsonNode body) { send(res, 200, body); }

    /** The body as a JSON object; an empty body is refused naming {@code body}. */
    static ObjectNode readObject(ServerRequest req, long maxBytes) {
        return readOptionalObject(req, maxBytes)
                .orElseThrow(() -> BaasException.invalid("body", "a JSON object is required"));
    }

    /** The body as a JSON object, or empty when there is no body (whatever the Content-Type says). */
    static Optional<ObjectNode> readOptionalObject(ServerRequest req, long maxBytes) {
        byte[] raw = readBytes(req, maxBytes);
        if (raw.length == 0 || new String(raw, StandardCharsets.UTF_8).isBlank()) return Optional.empty();
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : "unreadable";
            throw new BaasException(ErrorCode.INVALID_REQUEST, "the body is not valid JSON: " + clip(detail),
                    List.of(new Violation("body", "is not valid JSON")), null);
        }
        if (node == null || !node.isObject()) throw BaasException.invalid("body", "must be a JSON object");
        return Optional.of((ObjectNode) node);
    }

    /** Drains any body, so a route that takes none tolerates one sent anyway (within the size limit). */
    static void discardBody(ServerRequest req, long maxBytes) { readBytes(req, maxBytes); }

    private static byte[] readBytes(ServerRequest req, long maxBytes) {
        Optional<Long> declared = req.headers().contentLength().stream().boxed().findFirst();
        if (declared.isPresent() && declared.get() > maxBytes) throw tooLarge(maxBytes);
        if (!req.content().hasEntity()) return new byte[0];
        try (InputStream in = req.content().inputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) throw tooLarge(maxBytes);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("request body could not be read", e);
        }
    }

    private static BaasException tooLarge(long maxBytes) {
        return new BaasException(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBytes + " bytes");
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
