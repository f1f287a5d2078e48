package dev.baas.calendar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A loopback HTTP server standing in for a provider's API: each route answers from the test's function. */
public final class FakeApi implements AutoCloseable {
    public record Request(String method, String path, Map<String, String> query, Map<String, String> form, String authorization,
                          String prefer) {}

    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(String body) { return new Answer(200, body, Map.of()); }

        public static Answer of(int status, String body) { return new Answer(status, body, Map.of()); }
    }

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** What {@link ApiClient.Sleeper} was asked to wait, in order. */
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    public FakeApi(Function<Request, Answer> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> handle(ex, routes));
        server.start();
    }

    private void handle(HttpExchange ex, Function<Request, Answer> routes) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), parse(ex.getRequestURI().getRawQuery()),
                    parse(body), ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Prefer"));
            requests.add(r);
            Answer a;
            try {
                a = routes.apply(r);
            } catch (RuntimeException e) {
                a = Answer.of(500, "{\"error\":\"" + e + "\"}");
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) ex.getResponseBody().write(bytes);
        }
    }

    static Map<String, String> parse(String q) {
        Map<String, String> m = new LinkedHashMap<>();
        if (q == null || q.isEmpty()) return m;
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            if (i < 0) continue;
            m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    public URI uri(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    public ApiClient.Policy policy() {
        return new ApiClient.Policy(4, Duration.ofMillis(200), Duration.ofSeconds(60), waits::add);
    }

    public List<Request> to(String pathPrefix) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) if (r.path().startsWith(pathPrefix)) out.add(r);
        return out;
    }

    @Override public void close() { server.stop(0); }
}
