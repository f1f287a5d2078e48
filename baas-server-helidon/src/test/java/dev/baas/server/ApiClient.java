package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client of the API, as a user's program would call it: JSON over {@link HttpClient}. */
final class ApiClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String base;
    final String key;

    ApiClient(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    ApiClient as(String otherKey) { return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey); }

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override public String toString() { return status + " " + body; }
    }

    Response get(String path) { return send("GET", path, null); }

    Response delete(String path) { return send("DELETE", path, null); }

    Response post(String path, String json) { return send("POST", path, json); }

    Response send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("x-meeting-baas-api-key", key);
        return send(b.build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new AssertionError("download " + url + ": " + r.statusCode());
        return r.body();
    }
}
