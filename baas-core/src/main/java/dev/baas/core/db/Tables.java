package dev.baas.core.db;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The tables of {@code db/migration/V*.sql} as typed jOOQ constants: one place for every column name. */
public final class Tables {
    private Tables() {}

    private static <T> Field<T> col(String table, String column, DataType<T> type) {
        return DSL.field(DSL.name(table, column), type);
    }

    private static final DataType<OffsetDateTime> TIME = SQLDataType.TIMESTAMPWITHTIMEZONE(3);

    public static final class Accounts {
        private Accounts() {}
        private static final String T = "accounts";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<Long> ID = col(T, "id", SQLDataType.BIGINT.identity(true));
        public static final Field<String> NAME = col(T, "name", SQLDataType.VARCHAR(200));
        public static final Field<String> WEBHOOK_URL = col(T, "webhook_url", SQLDataType.VARCHAR(2048));
        public static final Field<String> WEBHOOK_SECRET = col(T, "webhook_secret", SQLDataType.VARCHAR(128));
        public static final Field<OffsetDateTime> CREATED_AT = col(T, "created_at", TIME);
    }

    public static final class ApiKeys {
        private ApiKeys() {}
        private static final String T = "api_keys";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<Long> ID = col(T, "id", SQLDataType.BIGINT.identity(true));
        public static final Field<Long> ACCOUNT_ID = col(T, "account_id", SQLDataType.BIGINT);
        public static final Field<String> KEY_HASH = col(T, "key_hash", SQLDataType.VARCHAR(64));
        public static final Field<String> KEY_PREFIX = col(T, "key_prefix", SQLDataType.VARCHAR(16));
        public static final Field<OffsetDateTime> CREATED_AT = col(T, "created_at", TIME);
        public static final Field<OffsetDateTime> REVOKED_AT = col(T, "revoked_at", TIME);
        public static final Field<String> KEY_SEALED = col(T, "key_sealed", SQLDataType.VARCHAR(512));
    }

    public static final class Bots {
        private Bots() {}
        private static final String T = "bots";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<UUID> ID = col(T, "id", SQLDataType.UUID);
        public static final Field<Long> SEQ = col(T, "seq", SQLDataType.BIGINT.identity(true));
        public static final Field<String> ACCOUNT_ID = col(T, "account_id", SQLDataType.VARCHAR(64));
        public static final Field<String> BOT_NAME = col(T, "bot_name", SQLDataType.VARCHAR(400));
        public static final Field<String> MEETING_URL = col(T, "meeting_url", SQLDataType.VARCHAR(2048));
        public static final Field<String> PLATFORM = col(T, "platform", SQLDataType.VARCHAR(64));
        public static final Field<String> MEETING = col(T, "meeting", SQLDataType.CLOB);
        public static final Field<String> CONFIG = col(T, "config", SQLDataType.CLOB);
        public static final Field<String> DEDUPLICATION_KEY = col(T, "deduplication_key", SQLDataType.VARCHAR(400));
        public static final Field<String> PHASE = col(T, "phase", SQLDataType.VARCHAR(32));
        public static final Field<OffsetDateTime> CREATED_AT = col(T, "created_at", TIME);
        public static final Field<OffsetDateTime> JOINED_AT = col(T, "joined_at", TIME);
        public static final Field<OffsetDateTime> EXITED_AT = col(T, "exited_at", TIME);
        public static final Field<OffsetDateTime> ENDED_AT = col(T, "ended_at", TIME);
        public static final Field<String> ERROR_CODE = col(T, "error_code", SQLDataType.VARCHAR(64));
        public static final Field<String> ERROR_MESSAGE = col(T, "error_message", SQLDataType.VARCHAR(4000));
        public static final Field<String> SPEAKERS = col(T, "speakers", SQLDataType.CLOB);
        public static final Field<String> ARTIFACTS = col(T, "artifacts", SQLDataType.CLOB);
        public static final Field<String> TRANSCRIPT = col(T, "transcript", SQLDataType.CLOB);
        public static final Field<Boolean> DELETED = col(T, "deleted", SQLDataType.BOOLEAN);
        public static final Field<Integer> EVENT_SEQ = col(T, "event_seq", SQLDataType.INTEGER);
        public static final Field<UUID> EVENT_UUID = col(T, "event_uuid", SQLDataType.UUID);
        public static final Field<String> LEASE_OWNER = col(T, "lease_owner", SQLDataType.VARCHAR(200));
        public static final Field<OffsetDateTime> LEASE_UNTIL = col(T, "lease_until", TIME);
        public static final Field<OffsetDateTime> STOP_REQUESTED_AT = col(T, "stop_requested_at", TIME);
    }

    public static final class BotEvents {
        private BotEvents() {}
        private static final String T = "bot_events";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<Long> ID = col(T, "id", SQLDataType.BIGINT.identity(true));
        public static final Field<UUID> BOT_ID = col(T, "bot_id", SQLDataType.UUID);
        public static final Field<String> ACCOUNT_ID = col(T, "account_id", SQLDataType.VARCHAR(64));
        public static final Field<Integer> SEQ = col(T, "seq", SQLDataType.INTEGER);
        public static final Field<String> KIND = col(T, "kind", SQLDataType.VARCHAR(64));
        public static final Field<String> PAYLOAD = col(T, "payload", SQLDataType.CLOB);
        public static final Field<OffsetDateTime> CREATED_AT = col(T, "created_at", TIME);
    }

    public static final class WebhookDeliveries {
        private WebhookDeliveries() {}
        private static final String T = "webhook_deliveries";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<Long> ID = col(T, "id", SQLDataType.BIGINT.identity(true));
        public static final Field<String> ACCOUNT_ID = col(T, "account_id", SQLDataType.VARCHAR(64));
        public static final Field<UUID> BOT_ID = col(T, "bot_id", SQLDataType.UUID);
        public static final Field<String> WEBHOOK_ID = col(T, "webhook_id", SQLDataType.VARCHAR(64));
        public static final Field<String> EVENT_NAME = col(T, "event_name", SQLDataType.VARCHAR(64));
        public static final Field<String> URL = col(T, "url", SQLDataType.VARCHAR(2048));
        public static final Field<String> BODY = col(T, "body", SQLDataType.CLOB);
        public static final Field<String> STATE = col(T, "state", SQLDataType.VARCHAR(16));
        public static final Field<Integer> ATTEMPTS = col(T, "attempts", SQLDataType.INTEGER);
        public static final Field<OffsetDateTime> NEXT_ATTEMPT_AT = col(T, "next_attempt_at", TIME);
        public static final Field<OffsetDateTime> LEASE_UNTIL = col(T, "lease_until", TIME);
        public static final Field<OffsetDateTime> CREATED_AT = col(T, "created_at", TIME);
        public static final Field<Integer> LAST_STATUS = col(T, "last_status", SQLDataType.INTEGER);
        public static final Field<String> LAST_ERROR = col(T, "last_error", SQLDataType.VARCHAR(1000));
        public static final Field<OffsetDateTime> DELIVERED_AT = col(T, "delivered_at", TIME);
    }

    public static final class WebhookAttempts {
        private WebhookAttempts() {}
        private static final String T = "webhook_attempts";
        public static final Table<Record> TABLE = DSL.table(DSL.name(T));
        public static final Field<Long> ID = col(T, "id", SQLDataType.BIGINT.identity(true));
        public static final Field<Long> DELIVERY_ID = col(T, "delivery_id", SQLDataType.BIGINT);
        public static final Field<OffsetDateTime> ATTEMPTED_AT = col(T, "attempted_at", TIME);
        public static final Field<Integer> STATUS = col(T, "status", SQLDataType.INTEGER);
        public static final Field<Long> LATENCY_MS = col(T, "latency_ms", SQLDataType.BIGINT);
        public static final Field<String> ERROR = col(T, "error", SQLDataType.VARCHAR(1000));
        public static final Field<Long> RETRY_AFTER_MS = col(T, "retry_after_ms", SQLDataType.BIGINT);
    }
}
