package dev.baas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The server's HTTP API as the CLI uses it; failures become {@link CliException}s a person can read. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String server;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    Api(String server, String apiKey) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.apiKey = apiKey;
    }

    JsonNode get(String path, Map<String, String> query) { return send("GET", path + query(query), null); }

    JsonNode post(String path, JsonNode body) { return send("POST", path, body); }

    JsonNode delete(String path) { return send("DELETE", path, null); }

    /** Downloads a URL (a signed artifact link) to a file; no API key is sent off the server's origin. */
    void download(String url, Path to) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET();
            HttpResponse<Path> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofFile(to));
            if (resp.statusCode() != 200) {
                java.nio.file.Files.deleteIfExists(to);
                throw new CliException("download failed: HTTP " + resp.statusCode() + (resp.statusCode() == 403 ? " (the link expired; ask again)" : ""));
            }
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new CliException("no API key: pass --api-key or set BAAS_API_KEY (./baas run prints one)");
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30))
                .header("x-meeting-baas-api-key", apiKey).header("accept", "application/json");
        if (body != null) {
            req.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = resp.body().isBlank() ? JSON.nullNode() : parse(resp.body());
            if (resp.statusCode() >= 400) throw new CliException(describe(resp.statusCode(), json));
            return json;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private CliException unreachable(IOException e) {
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new CliException("cannot reach the baas server at " + server + " (is it running? start it with ./baas serve, or pass --server)");
        }
        return new CliException("talking to " + server + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    static String describe(int status, JsonNode json) {
        // the server's own words for a bad key say the same thing again; tell the person what to change instead
        if (status == 401) return "the API key was refused by the server (check --api-key or BAAS_API_KEY)";
        String what = switch (status) {
            case 404 -> "not found";
            case 409 -> "conflict";
            case 429 -> "too many requests";
            default -> "HTTP " + status;
        };
        if (json.isObject() && json.hasNonNull("error")) {
            String msg = json.get("error").asText();
            if (json.hasNonNull("field") && !msg.contains(json.get("field").asText())) msg = json.get("field").asText() + ": " + msg;
            return what + ": " + msg;
        }
        return what;
    }

    private static String query(Map<String, String> q) {
        if (q.isEmpty()) return "";
        return "?" + q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
