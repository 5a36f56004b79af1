package dev.tollgate.entitlements.domain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Amazon SNS message as delivered to an HTTP(S) endpoint, and the rules for trusting it: its signature (version 1:
 * SHA1withRSA, 2: SHA256withRSA) over the canonical "key\nvalue\n" text of its type's fields, made with the key of the
 * certificate at {@code SigningCertURL}. That URL arrives in the message, so it is the attacker's to choose until proven
 * otherwise: only a URL on the operator's allowed host pattern may be fetched at all.
 */
public record SnsMessage(String type, String messageId, String topicArn, String subject, String message, String timestamp,
                         String signatureVersion, String signature, String signingCertUrl, String subscribeUrl, String token) {
    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    /** The message from its JSON fields; IllegalArgumentException when a field SNS always sends is missing or not a string. */
    public static SnsMessage of(Map<String, Object> f) {
        String type = required(f, "Type");
        boolean confirmation = SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
        if (!confirmation && !NOTIFICATION.equals(type)) {
            throw new IllegalArgumentException("Type '" + type + "' is not an SNS message type");
        }
        return new SnsMessage(type, required(f, "MessageId"), required(f, "TopicArn"), optional(f, "Subject"), required(f, "Message"),
                required(f, "Timestamp"), required(f, "SignatureVersion"), required(f, "Signature"), required(f, "SigningCertURL"),
                confirmation ? required(f, "SubscribeURL") : null, confirmation ? required(f, "Token") : null);
    }

    private static String required(Map<String, Object> f, String key) {
        if (!(f.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("SNS message without " + key);
        }
        return s;
    }

    private static String optional(Map<String, Object> f, String key) {
        return f.get(key) instanceof String s ? s : null;
    }

    /** The text SNS signs: the type's fields in byte order of their names, each as name, newline, value, newline. */
    public String stringToSign() {
        StringBuilder text = new StringBuilder();
        append(text, "Message", message);
        append(text, "MessageId", messageId);
        if (NOTIFICATION.equals(type)) {
            if (subject != null) {
                append(text, "Subject", subject);
            }
        } else {
            append(text, "SubscribeURL", subscribeUrl);
        }
        append(text, "Timestamp", timestamp);
        if (!NOTIFICATION.equals(type)) {
            append(text, "Token", token);
        }
        append(text, "TopicArn", topicArn);
        append(text, "Type", type);
        return text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        text.append(key).append('\n').append(value).append('\n');
    }

    /** Whether the signature is the certificate key's over {@link #stringToSign}, in the algorithm its version names. */
    public boolean signedBy(PublicKey key) {
        String algorithm = switch (signatureVersion) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(stringToSign().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException notASignature) {
            return false;
        }
    }

    /**
     * Whether {@code url} may be fetched for SNS: HTTPS (plain HTTP only where the operator allows it, for a local fake),
     * a host matching {@code hosts} entirely, no user info, no port other than the scheme's, a path. Anything else is
     * refused before any connection is made.
     */
    public static boolean allowedSnsUrl(String url, Pattern hosts, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || allowHttp && scheme.equals("http");
        return schemeOk && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getPath() != null && !uri.getPath().isEmpty()
                && (uri.getPort() == -1 || allowHttp) && hosts.matcher(uri.getHost().toLowerCase(java.util.Locale.ROOT)).matches();
    }
}
