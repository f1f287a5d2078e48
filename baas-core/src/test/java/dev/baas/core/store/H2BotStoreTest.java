package dev.baas.core.store;

import dev.baas.core.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

class H2BotStoreTest extends JooqBotStoreContract {
    @TempDir static Path dir;
    static Database db;

    @BeforeAll static void open() { db = Database.open(Optional.empty(), dir); }

    @AfterAll static void close() { db.close(); }

    @Override Database database() { return db; }
}
