package dev.baas.server;

import io.helidon.webserver.WebServer;

/** Starts the baas server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("BAAS_PORT", "8080"));
        WebServer server = WebServer.builder()
                .port(port)
                .routing(r -> r.get("/health", (req, res) -> res.send("{\"status\":\"UP\"}")))
                .build()
                .start();
        System.out.println("baas listening on http://localhost:" + server.port());
    }
}
