package dev.baas.core.calendar;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals OAuth secrets at rest with AES-GCM: a fresh 96-bit nonce per value, stored as {@code v1:base64(nonce|ciphertext)}.
 * The key (16, 24 or 32 bytes, base64 in config) never touches the database, so a leaked dump holds no usable token.
 */
public final class TokenCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12, TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw BaasException.invalid("calendar.token_key", "must be 16, 24 or 32 bytes (base64), got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** From the base64 text of the {@code calendar.token_key} setting. */
    public static TokenCipher fromBase64(String key) {
        try {
            return new TokenCipher(Base64.getDecoder().decode(key.trim()));
        } catch (IllegalArgumentException e) {
            throw BaasException.invalid("calendar.token_key", "is not base64");
        }
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new BaasException(ErrorCode.INTERNAL, "cannot encrypt a token", e);
        }
    }

    public String open(String sealed) {
        if (!sealed.startsWith(PREFIX)) throw new BaasException(ErrorCode.INTERNAL, "stored token is not sealed");
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BaasException(ErrorCode.INTERNAL, "cannot decrypt a stored token: wrong calendar.token_key?", e);
        }
    }
}
