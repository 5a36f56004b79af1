package dev.tollgate.platform.crypto;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets that Tollgate must be able to read back (upstream database passwords, webhook signing secrets)
 * with AES-256-GCM under the master key ({@code TOLLGATE_MASTER_KEY}, base64 of 32 bytes). Each value gets a fresh
 * 96-bit nonce; {@code context} (e.g. the owning row's id) is bound as associated data, so a ciphertext copied onto
 * another row does not decrypt. It also authenticates values Tollgate hands out and must recognise later (signed
 * download links): {@link #mac} keys HMAC-SHA256 with a key derived from the master key for one purpose only.
 */
@Singleton
public final class SecretBox {
    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Nullable @Value("${tollgate.master-key}") String masterKey) {
        byte[] bytes;
        if (masterKey == null || masterKey.isBlank()) {
            LOG.warn("No tollgate.master-key configured: using a throwaway key; encrypted secrets will not survive a restart");
            bytes = new byte[32];
            random.nextBytes(bytes);
        } else {
            bytes = decode(masterKey.strip());
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("tollgate.master-key must be 32 bytes, base64-encoded; got " + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String seal(String plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret", e);
        }
    }

    public String open(String sealed, String context) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown secret format");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not decrypt a secret: wrong master key or tampered value", e);
        }
    }

    /**
     * HMAC-SHA256 of {@code message} under a key derived from the master key for {@code purpose} (so a value signed
     * for one purpose is no signature for another), as unpadded base64url.
     */
    public String mac(String purpose, String message) {
        byte[] purposeKey = hmac(key.getEncoded(), "tollgate-mac:" + purpose);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(purposeKey, message));
    }

    /** Whether {@code signature} is {@link #mac}'s for {@code message}, compared in constant time. */
    public boolean verifyMac(String purpose, String message, String signature) {
        return signature != null && MessageDigest.isEqual(mac(purpose, message).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            return Base64.getUrlDecoder().decode(text);
        }
    }
}
