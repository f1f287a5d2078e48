package dev.baas.core.calendar;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** The store contract on H2 in PostgreSQL mode and on a real PostgreSQL, both migrated by Flyway. */
class JdbcCalendarStoreTest {
    private static EmbeddedPostgres postgres;

    static CalendarStore migrated(DataSource ds, SQLDialect dialect) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcCalendarStore(DSL.using(ds, dialect));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) postgres.close();
    }

    @Nested
    class OnH2 extends CalendarStoreContract {
        @Override
        CalendarStore store() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:cal" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            return migrated(ds, SQLDialect.H2);
        }
    }

    @Nested
    class OnPostgres extends CalendarStoreContract {
        @Override
        CalendarStore store() {
            try {
                synchronized (JdbcCalendarStoreTest.class) {
                    if (postgres == null) postgres = EmbeddedPostgres.builder().start();
                }
                try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                    String db = "cal" + UUID.randomUUID().toString().replace("-", "");
                    st.execute("CREATE DATABASE " + db);
                    return migrated(postgres.getDatabase("postgres", db), SQLDialect.POSTGRES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
