package dev.baas.core.db;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGConnectionPoolDataSource;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The product's database: an H2 file under the data directory by default, PostgreSQL when a URL says so. Opening it
 * applies the Flyway migrations of {@code db/migration}, so the schema is always current.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String description;
    private final Runnable closer;

    private Database(DataSource dataSource, SQLDialect dialect, String description, Runnable closer) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.description = description;
        this.closer = closer;
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    }

    /**
     * The H2 URL of a database file in {@code dataDirectory}, PostgreSQL-compatible. Commits are written at once
     * ({@code WRITE_DELAY=0}): by default H2 holds them half a second, and a killed process would lose the last bots'
     * state changes and webhooks.
     */
    public static String h2Url(Path dataDirectory) {
        return "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("baas")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Opens {@code url} (or the H2 file of {@code dataDirectory} when empty) and migrates it. */
    public static Database open(Optional<String> url, Path dataDirectory) {
        return open(url.filter(u -> !u.isBlank()).orElseGet(() -> h2Url(dataDirectory)), null, null);
    }

    /** Opens a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}) and migrates it. */
    public static Database open(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        Database db;
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user == null ? "sa" : user, password == null ? "" : password);
            pool.setMaxConnections(16);
            db = new Database(pool, SQLDialect.H2, "H2 " + masked(url), pool::dispose);
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource ds = new PGConnectionPoolDataSource();
            ds.setURL(url);
            if (user != null) ds.setUser(user);
            if (password != null) ds.setPassword(password);
            // H2's small pool works over any ConnectionPoolDataSource: no pool library needed
            JdbcConnectionPool pool = JdbcConnectionPool.create(ds);
            pool.setMaxConnections(16);
            db = new Database(pool, SQLDialect.POSTGRES, "PostgreSQL " + masked(url), pool::dispose);
        } else {
            throw new IllegalArgumentException("unsupported database URL (jdbc:h2: or jdbc:postgresql: expected): " + masked(url));
        }
        db.migrate();
        return db;
    }

    private void migrate() {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() { return dsl; }

    public SQLDialect dialect() { return dialect; }

    public DataSource dataSource() { return dataSource; }

    /** Which database this is, with any password in the URL masked: safe to print. */
    public String description() { return description; }

    /** A JDBC URL with the values of {@code password=} parameters and user-info passwords replaced by stars. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    @Override
    public void close() { closer.run(); }
}
