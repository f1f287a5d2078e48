package dev.baas.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

class PostgresApiTest extends ApiContract {
    @TempDir static Path data;
    static EmbeddedPostgres pg;
    static BaasServer server;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.start();
        String url = pg.getJdbcUrl("postgres", "postgres") + (pg.getJdbcUrl("postgres", "postgres").contains("?") ? "&" : "?") + "user=postgres";
        server = BaasServer.start(ApiContract.config(ServerConfig.defaults(data).withPort(0).withDatabaseUrl(url)));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        pg.close();
    }

    @Override BaasServer server() { return server; }
}
