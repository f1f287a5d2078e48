package dev.baas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2ApiTest extends ApiContract {
    @TempDir static Path data;
    static BaasServer server;

    @BeforeAll static void start() { server = BaasServer.start(ApiContract.config(ServerConfig.defaults(data).withPort(0))); }

    @AfterAll static void stop() { server.close(); }

    @Override BaasServer server() { return server; }
}
