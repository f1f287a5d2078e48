package dev.baas.server;

import dev.baas.core.BotPhase;
import dev.baas.core.ClusterSettings;
import dev.baas.spi.BaasException;
import dev.baas.spi.MeetingEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two servers on one PostgreSQL: an API node takes a join and runs nothing; a worker claims the bot and runs it;
 * a leave sent to the API node reaches the worker. API and worker roles refuse to start without PostgreSQL.
 */
class NodeRolesTest {
    static final String KEY = "roles-key-" + System.nanoTime();
    @TempDir Path data;

    static ServerConfig node(Path dir, String url, NodeConfig.Role role, String name) {
        NodeConfig n = NodeConfig.defaults().withRole(role, name)
                .withTiming(Duration.ofSeconds(10), Duration.ofMillis(300), ClusterSettings.Takeover.END);
        return ServerConfig.defaults(dir).withPort(0).withApiKey(KEY).withDatabaseUrl(url).withNode(n);
    }

    @Test
    void anApiNodeStoresTheBotAndAWorkerRunsIt() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (BaasServer api = BaasServer.start(node(data.resolve("api"), url, NodeConfig.Role.API, "api-1"));
                 BaasServer worker = BaasServer.start(node(data.resolve("worker"), url, NodeConfig.Role.WORKER, "worker-1"))) {
                ApiClient client = new ApiClient(api.port(), KEY);
                ApiClient.Response joined = client.post("/bots", "{\"meeting_url\":\"" + TestPlatform.PREFIX + "roles\",\"bot_name\":\"Worker bot\"}");
                assertEquals(200, joined.status(), joined.toString());
                UUID bot = UUID.fromString(joined.json().get("bot_id").asText());

                TestPlatform.Session session = TestPlatform.session(bot);
                assertEquals(0, api.baas().runningBots(), "the API node runs no bot");
                assertEquals(1, worker.baas().runningBots());
                assertEquals("worker-1", api.bots().leaseOwner(bot).orElseThrow());
                session.emit(new MeetingEvent.Admitted(Instant.now()));

                assertEquals(200, client.delete("/bots/" + bot).status()); // to the API node: the worker hears it
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Object tick = new Object();
                while (!api.bots().find(bot).orElseThrow().phase().isTerminal()) {
                    assertTrue(System.nanoTime() < deadline, "the bot left");
                    synchronized (tick) { tick.wait(20); }
                }
                assertEquals(BotPhase.COMPLETED, api.bots().find(bot).orElseThrow().phase());
            }
        }
    }

    @Test
    void apiAndWorkerRolesNeedPostgres() {
        ServerConfig h2 = ServerConfig.defaults(data).withPort(0)
                .withNode(NodeConfig.defaults().withRole(NodeConfig.Role.WORKER, "w"));
        BaasException e = assertThrows(BaasException.class, () -> BaasServer.start(h2).close());
        assertTrue(e.getMessage().contains("BAAS_ROLE") || e.violations().toString().contains("BAAS_ROLE"), e.toString());
    }
}
