package dev.baas.core.store;

import dev.baas.core.db.Database;
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

    public JooqAccountStore(Database db, Clock clock) {
        this.dsl = db.dsl();
        this.clock = clock;
    }

    public Account create(String name) {
        Record r = dsl.insertInto(Accounts.TABLE)
                .set(Accounts.NAME, name)
                .set(Accounts.WEBHOOK_SECRET, randomToken(32))
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
                .execute();
    }

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
