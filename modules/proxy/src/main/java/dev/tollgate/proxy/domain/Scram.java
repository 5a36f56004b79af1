package dev.tollgate.proxy.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802 / 7677) as PostgreSQL uses it, both sides: {@link ServerExchange} authenticates proxy
 * clients, {@link ClientExchange} logs the proxy in to an upstream. Only {@code SCRAM-SHA-256} without channel
 * binding ("n,,"): a TLS-terminating proxy cannot bind the client's channel to the upstream's.
 */
public final class Scram {
    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {
    }

    /** The keys a server keeps for a password (what PostgreSQL stores in pg_authid). */
    public record Secret(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        public static Secret derive(String password, byte[] salt, int iterations) {
            byte[] salted = hi(password, salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key");
            return new Secret(salt, iterations, sha256(clientKey), hmac(salted, "Server Key"));
        }

        public static Secret derive(String password) {
            return derive(password, randomBytes(16), ITERATIONS);
        }
    }

    /** The server side of one authentication. */
    public static final class ServerExchange {
        private final Secret secret;
        private final String serverNonce;
        /** What the client said of channel binding ("n,," or "y,,"); client-final must repeat it as {@code c=}. */
        private String gs2Header;
        private String clientFirstBare;
        private String serverFirst;
        private String combinedNonce;

        public ServerExchange(Secret secret) {
            this(secret, nonce());
        }

        /** With a chosen nonce: only for replaying the RFC 7677 test vector. */
        ServerExchange(Secret secret, String serverNonce) {
            this.secret = secret;
            this.serverNonce = serverNonce;
        }

        /** Takes client-first ({@code n,,n=,r=...}); returns server-first, or null when the message is malformed. */
        public String serverFirst(String clientFirst) {
            if (!clientFirst.startsWith("n,,") && !clientFirst.startsWith("y,,")) {
                return null; // channel binding ("p=") is not offered, so a client must not ask for it
            }
            gs2Header = clientFirst.substring(0, 3);
            clientFirstBare = clientFirst.substring(3);
            String clientNonce = attributes(clientFirstBare).get("r");
            if (clientNonce == null || clientNonce.isEmpty()) {
                return null;
            }
            combinedNonce = clientNonce + serverNonce;
            serverFirst = "r=" + combinedNonce + ",s=" + b64(secret.salt()) + ",i=" + secret.iterations();
            return serverFirst;
        }

        /** Takes client-final; returns server-final ({@code v=...}) when the proof is right, null otherwise. */
        public String serverFinal(String clientFinal) {
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (serverFirst == null || proofAt < 0) {
                return null;
            }
            String withoutProof = clientFinal.substring(0, proofAt);
            Map<String, String> attrs = attributes(clientFinal);
            // RFC 5802 5.1: c= must be the gs2 header of client-first, or a "y,," (a client able to bind that was told
            // we cannot) could have been changed on the way without the proof, which covers only c=, noticing it.
            if (!b64(gs2Header.getBytes(StandardCharsets.US_ASCII)).equals(attrs.get("c")) || !combinedNonce.equals(attrs.get("r"))) {
                return null;
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(attrs.get("p"));
            } catch (IllegalArgumentException | NullPointerException e) {
                return null;
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] clientSignature = hmac(secret.storedKey(), authMessage);
            if (proof.length != clientSignature.length) {
                return null;
            }
            byte[] clientKey = xor(proof, clientSignature);
            if (!MessageDigest.isEqual(sha256(clientKey), secret.storedKey())) {
                return null;
            }
            return "v=" + b64(hmac(secret.serverKey(), authMessage));
        }
    }

    /** The most PBKDF2 iterations an upstream may ask for: beyond, one login would cost the proxy seconds of CPU. */
    public static final int MAX_UPSTREAM_ITERATIONS = 100_000;

    /** Why an upstream's SCRAM message cannot be answered. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** What an upstream's server-first message asks: the salt and iteration count of PBKDF2, and the whole message. */
    public record Challenge(String serverFirst, String nonce, byte[] salt, int iterations) {
    }

    /** The salted password of PBKDF2 (the expensive step, cached and run off the event loop by the caller). */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        return hi(password, salt, iterations);
    }

    /**
     * The client side of one authentication, with the password in hand. The expensive key derivation is not done
     * here: {@link #challenge} validates the server's message, the caller derives {@link #saltedPassword} where it
     * likes, {@link #clientFinal} answers.
     */
    public static final class ClientExchange {
        private final String user;
        private final String clientNonce;
        private String clientFirstBare;
        private String expectedServerSignature;

        /** As PostgreSQL clients do: no user name in the SCRAM message (the server takes the startup's). */
        public ClientExchange() {
            this("", nonce());
        }

        /** With a chosen user name and nonce: only for replaying the RFC 7677 test vector. */
        ClientExchange(String user, String clientNonce) {
            this.user = user;
            this.clientNonce = clientNonce;
        }

        public String clientFirst() {
            clientFirstBare = "n=" + user + ",r=" + clientNonce;
            return "n,," + clientFirstBare;
        }

        /** Reads server-first; refuses a nonce that does not extend ours, a bad salt, and unbounded iteration counts. */
        public Challenge challenge(String serverFirst) {
            Map<String, String> attrs = attributes(serverFirst);
            String nonce = attrs.get("r");
            if (nonce == null || !nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
                throw new Refused("the upstream's SCRAM nonce does not extend the proxy's");
            }
            byte[] salt;
            try {
                salt = Base64.getDecoder().decode(attrs.getOrDefault("s", ""));
            } catch (IllegalArgumentException e) {
                throw new Refused("the upstream's SCRAM salt is not base64");
            }
            if (salt.length == 0) {
                throw new Refused("the upstream sent no SCRAM salt");
            }
            int iterations;
            try {
                iterations = Integer.parseInt(attrs.getOrDefault("i", ""));
            } catch (NumberFormatException e) {
                throw new Refused("the upstream's SCRAM iteration count is not a number");
            }
            if (iterations < 1 || iterations > MAX_UPSTREAM_ITERATIONS) {
                throw new Refused("the upstream asks for " + iterations + " SCRAM iterations; the proxy accepts 1 to "
                        + MAX_UPSTREAM_ITERATIONS);
            }
            return new Challenge(serverFirst, nonce, salt, iterations);
        }

        public String clientFinal(Challenge challenge, byte[] saltedPassword) {
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            String withoutProof = "c=biws,r=" + challenge.nonce();
            String authMessage = clientFirstBare + "," + challenge.serverFirst() + "," + withoutProof;
            byte[] proof = xor(clientKey, hmac(sha256(clientKey), authMessage));
            expectedServerSignature = b64(hmac(hmac(saltedPassword, "Server Key"), authMessage));
            return withoutProof + ",p=" + b64(proof);
        }

        /** True only after {@link #clientFinal} and for the one signature the password's server key gives. */
        public boolean verifyServerFinal(String serverFinal) {
            return expectedServerSignature != null && MessageDigest.isEqual(("v=" + expectedServerSignature).getBytes(StandardCharsets.UTF_8),
                    serverFinal.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Map<String, String> attributes(String message) {
        Map<String, String> map = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq == 1) {
                map.put(part.substring(0, 1), part.substring(2));
            }
        }
        return map;
    }

    static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static String nonce() {
        return b64(randomBytes(18));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
