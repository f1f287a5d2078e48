package dev.baas.core.security;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts secrets kept at rest (API keys for the webhook header, provider keys, OAuth tokens) with AES-256-GCM.
 * The key comes from configuration, or from a file in the data directory created on first use with owner-only
 * permissions. Sealed values are {@code v1:<base64 nonce+ciphertext>}.
 */
public final class SecretBox {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "v1:";
    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("a SecretBox key is 32 bytes");
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The configured key (base64 of 32 bytes) if given, else the key file under {@code dataDirectory}, made once. */
    public static SecretBox fromConfig(Optional<String> base64Key, Path dataDirectory) {
        return new SecretBox(Base64.getDecoder().decode(key(base64Key, dataDirectory)));
    }

    /** The key as base64: the configured one, else the data directory's key file, created on first use. */
    public static String key(Optional<String> base64Key, Path dataDirectory) {
        if (base64Key.isPresent() && !base64Key.get().isBlank()) return base64Key.get().trim();
        Path file = dataDirectory.resolve("secret.key");
        try {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            return new String(KeyFile.readOrCreate(file, Base64.getEncoder().encode(k)), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key " + file, e);
        }
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plain text, or empty if the value was sealed with another key or was tampered with. */
    public Optional<String> open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) return Optional.empty();
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (all.length < 12 + 16) return Optional.empty();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return Optional.of(new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
