package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's v1 compatibility table lists exactly the v1 operations a running server routes: none missing, none
 * it does not serve, each with what it is called.
 */
class CompatibilityTableTest {
    @TempDir Path data;
    static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Z]+)` \\| `([^`]+)` \\| (\\w+) \\| (supported|not supported|partly) \\|");

    @Test
    void theTableListsEveryV1RouteTheServerServesAndNothingElse() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- v1-compat:start -->");
        int end = readme.indexOf("<!-- v1-compat:end -->");
        assertTrue(start >= 0 && end > start, "README has the v1 compatibility table between its markers");
        Set<String> listed = new TreeSet<>();
        Matcher m = ROW.matcher(readme.substring(start, end));
        while (m.find()) assertTrue(listed.add(m.group(1) + " " + m.group(2) + " " + m.group(3)), "listed twice: " + m.group());
        long rows = readme.substring(start, end).lines().filter(l -> l.startsWith("| `")).count();
        assertEquals(rows, listed.size(), "every row reads: | `METHOD` | `path` | operation | supported, partly or not supported | notes |");

        Set<String> served = new TreeSet<>();
        Set<String> ownIds = new HashSet<>();
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0))) {
            JsonNode doc = new ApiClient(server.port(), null).get("/openapi.json").json();
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (op.getValue().path("x-meeting-baas-v1").asBoolean()) {
                    served.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + op.getValue().path("operationId").asText());
                } else {
                    ownIds.add(op.getValue().path("operationId").asText());
                }
            }));
        }
        assertEquals(served, listed, "README's v1 table against the server's v1 routes");
        Set<String> v1Ids = new TreeSet<>();
        served.forEach(s -> v1Ids.add(s.substring(s.lastIndexOf(' ') + 1)));
        assertTrue(v1Ids.containsAll(OpenApiTest.V1), "every operation of the v1 specification is marked v1");
        assertTrue(ownIds.stream().noneMatch(OpenApiTest.V1::contains), "no v1 operation is marked as the server's own");
    }
}
