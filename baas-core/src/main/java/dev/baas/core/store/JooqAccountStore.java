package dev.baas.core.store;

import dev.baas.core.db.Database;
import dev.baas.core.security.SecretBox;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static dev.baas.core.db.Tables.Accounts;
import static dev.baas.core.db.Tables.ApiKeys;

/** Accounts and their API keys. A key is shown once, when issued; only its SHA-256 is stored. */
public final class JooqAccountStore {
    private static final String KEY_PREFIX = "baas_";
    private final DSLContext dsl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretBox> box;

    public JooqAccountStore(Database db, Clock clock) { this(db, clock, Optional.empty()); }

    /** With a {@link SecretBox}, keys are also kept sealed so webhooks can carry the account's key as v1 does. */
    public JooqAccountStore(Database db, Clock clock, Optional<SecretBox> box) {
        this.dsl = db.dsl();
        this.clock = clock;
        this.box = box;
    }

    public Account create(String name) {
        Record r = dsl.insertInto(Accounts.TABLE)
                .set(Accounts.NAME, name)
                .set(Accounts.WEBHOOK_SECRET, dev.baas.core.webhook.StandardWebhooks.newSecret())
                .set(Accounts.CREATED_AT, JooqBotStore.time(clock.instant()))
                .returningResult(Accounts.ID).fetchOne();
        return find(r.get(Accounts.ID)).orElseThrow();
    }

    public Optional<Account> find(long id) {
        return dsl.selectFrom(Accounts.TABLE).where(Accounts.ID.eq(id)).fetchOptional().map(JooqAccountStore::account);
    }

    public long count() { return dsl.fetchCount(Accounts.TABLE); }

    /** Makes a new random key for the account and returns it; it cannot be read back later. */
    public String issueKey(long accountId) {
        String key = KEY_PREFIX + randomToken(32);
        addKey(accountId, key);
        return key;
    }

    /** Registers a key chosen by the operator (for example from the environment). */
    public void addKey(long accountId, String rawKey) {
        dsl.insertInto(ApiKeys.TABLE)
                .set(ApiKeys.ACCOUNT_ID, accountId)
                .set(ApiKeys.KEY_HASH, hash(rawKey))
                .set(ApiKeys.KEY_PREFIX, rawKey.substring(0, Math.min(8, rawKey.length())))
                .set(ApiKeys.CREATED_AT, JooqBotStore.time(clock.instant()))
                .set(ApiKeys.KEY_SEALED, box.map(b -> b.seal(rawKey)).orElse(null))
                .execute();
    }

    /** The key webhooks of the account carry in {@code x-meeting-baas-api-key}: its oldest live key, if sealed. */
    public Optional<String> webhookKey(long accountId) {
        if (box.isEmpty()) return Optional.empty();
        return dsl.select(ApiKeys.KEY_SEALED).from(ApiKeys.TABLE).where(ApiKeys.ACCOUNT_ID.eq(accountId))
                .and(ApiKeys.REVOKED_AT.isNull()).and(ApiKeys.KEY_SEALED.isNotNull()).orderBy(ApiKeys.ID).limit(1)
                .fetchOptional(ApiKeys.KEY_SEALED).flatMap(box.get()::open);
    }

    /** The account's keys: prefix and creation time, never the key. */
    public java.util.List<KeyInfo> keys(long accountId) {
        return dsl.select(ApiKeys.ID, ApiKeys.KEY_PREFIX, ApiKeys.CREATED_AT, ApiKeys.REVOKED_AT).from(ApiKeys.TABLE)
                .where(ApiKeys.ACCOUNT_ID.eq(accountId)).orderBy(ApiKeys.ID)
                .fetch(r -> new KeyInfo(r.get(ApiKeys.ID), r.get(ApiKeys.KEY_PREFIX), r.get(ApiKeys.CREATED_AT).toInstant(),
                        Optional.ofNullable(r.get(ApiKeys.REVOKED_AT)).map(java.time.OffsetDateTime::toInstant)));
    }

    public record KeyInfo(long id, String prefix, java.time.Instant createdAt, Optional<java.time.Instant> revokedAt) {}

    /** The account a key belongs to, unless the key is unknown or revoked. */
    public Optional<Account> byKey(String rawKey) {
        if (rawKey == null || rawKey.isEmpty() || rawKey.length() > 512) return Optional.empty();
        return dsl.select(Accounts.TABLE.fields()).from(Accounts.TABLE).join(ApiKeys.TABLE).on(ApiKeys.ACCOUNT_ID.eq(Accounts.ID))
                .where(ApiKeys.KEY_HASH.eq(hash(rawKey)).and(ApiKeys.REVOKED_AT.isNull()))
                .fetchOptional().map(JooqAccountStore::account);
    }

    public boolean keyExists(String rawKey) {
        return dsl.fetchExists(ApiKeys.TABLE, ApiKeys.KEY_HASH.eq(hash(rawKey)));
    }

    public void revokeKey(String rawKey) {
        dsl.update(ApiKeys.TABLE).set(ApiKeys.REVOKED_AT, JooqBotStore.time(clock.instant()))
                .where(ApiKeys.KEY_HASH.eq(hash(rawKey))).execute();
    }

    /** Sets (or clears, with empty) the webhook URL used by the account's bots that name none. */
    public void setWebhookUrl(long accountId, Optional<String> url) {
        dsl.update(Accounts.TABLE).set(Accounts.WEBHOOK_URL, url.orElse(null)).where(Accounts.ID.eq(accountId)).execute();
    }

    static String hash(String rawKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Account account(Record r) {
        return new Account(r.get(Accounts.ID), r.get(Accounts.NAME), Optional.ofNullable(r.get(Accounts.WEBHOOK_URL)),
                r.get(Accounts.WEBHOOK_SECRET), r.get(Accounts.CREATED_AT).toInstant());
    }
}
