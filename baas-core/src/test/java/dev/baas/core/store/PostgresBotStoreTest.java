package dev.baas.core.store;

import dev.baas.core.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

class PostgresBotStoreTest extends JooqBotStoreContract {
    static EmbeddedPostgres pg;
    static Database db;

    @BeforeAll
    static void open() throws IOException {
        pg = EmbeddedPostgres.start();
        db = Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    @AfterAll
    static void close() throws IOException {
        db.close();
        pg.close();
    }

    @Override Database database() { return db; }
}
