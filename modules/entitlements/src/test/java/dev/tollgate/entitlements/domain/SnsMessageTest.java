package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnsMessageTest {
    private static final Pattern SNS_HOSTS = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com");

    private static Map<String, Object> notification() {
        Map<String, Object> f = new HashMap<>();
        f.put("Type", "Notification");
        f.put("MessageId", "m-1");
        f.put("TopicArn", "arn:aws:sns:us-east-1:1:t");
        f.put("Subject", "s");
        f.put("Message", "{\"action\":\"subscribe-success\"}");
        f.put("Timestamp", "2030-01-01T00:00:00.000Z");
        f.put("SignatureVersion", "1");
        f.put("Signature", "AAAA");
        f.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem");
        return f;
    }

    @Test
    void theSignedTextHoldsTheTypesFieldsInNameOrder() {
        assertEquals("Message\n{\"action\":\"subscribe-success\"}\nMessageId\nm-1\nSubject\ns\nTimestamp\n2030-01-01T00:00:00.000Z\n"
                + "TopicArn\narn:aws:sns:us-east-1:1:t\nType\nNotification\n", SnsMessage.of(notification()).stringToSign());
        Map<String, Object> confirmation = notification();
        confirmation.put("Type", "SubscriptionConfirmation");
        confirmation.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription");
        confirmation.put("Token", "tok");
        String text = SnsMessage.of(confirmation).stringToSign();
        assertTrue(text.contains("SubscribeURL\nhttps://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription\nTimestamp\n"));
        assertTrue(text.contains("Token\ntok\nTopicArn\n"));
        assertFalse(text.contains("Subject"), "a confirmation's subject is not signed");
    }

    @Test
    void aMessageWithoutItsSignatureFieldsIsNoMessage() {
        Map<String, Object> f = notification();
        f.remove("SigningCertURL");
        assertThrows(IllegalArgumentException.class, () -> SnsMessage.of(f));
        Map<String, Object> g = notification();
        g.put("Type", "Whatever");
        assertThrows(IllegalArgumentException.class, () -> SnsMessage.of(g));
    }

    @Test
    void bothSignatureVersionsVerifyAndTamperingIsCaught() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        for (String[] version : new String[][] {{"1", "SHA1withRSA"}, {"2", "SHA256withRSA"}}) {
            Map<String, Object> f = notification();
            f.put("SignatureVersion", version[0]);
            Signature signer = Signature.getInstance(version[1]);
            signer.initSign(keys.getPrivate());
            signer.update(SnsMessage.of(f).stringToSign().getBytes(StandardCharsets.UTF_8));
            f.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            assertTrue(SnsMessage.of(f).signedBy(keys.getPublic()), "version " + version[0]);
            f.put("Message", "{\"action\":\"unsubscribe-success\"}");
            assertFalse(SnsMessage.of(f).signedBy(keys.getPublic()), "version " + version[0] + ", tampered");
        }
        Map<String, Object> unknown = notification();
        unknown.put("SignatureVersion", "3");
        assertFalse(SnsMessage.of(unknown).signedBy(keys.getPublic()));
    }

    @Test
    void onlyHttpsUrlsOnTheAllowedHostsMayBeFetched() {
        assertTrue(SnsMessage.allowedSnsUrl("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1.pem", SNS_HOSTS, false));
        assertFalse(SnsMessage.allowedSnsUrl("http://sns.eu-west-1.amazonaws.com/x.pem", SNS_HOSTS, false), "plain HTTP");
        assertFalse(SnsMessage.allowedSnsUrl("https://sns.eu-west-1.amazonaws.com.evil.example/x.pem", SNS_HOSTS, false), "suffix");
        assertFalse(SnsMessage.allowedSnsUrl("https://evil.example/sns.us-east-1.amazonaws.com.pem", SNS_HOSTS, false));
        assertFalse(SnsMessage.allowedSnsUrl("https://sns.us-east-1.amazonaws.com@169.254.169.254/x.pem", SNS_HOSTS, false), "user info");
        assertFalse(SnsMessage.allowedSnsUrl("https://sns.us-east-1.amazonaws.com:8443/x.pem", SNS_HOSTS, false), "another port");
        assertFalse(SnsMessage.allowedSnsUrl("https://169.254.169.254/latest/meta-data", SNS_HOSTS, false));
        assertFalse(SnsMessage.allowedSnsUrl("file:///etc/passwd", SNS_HOSTS, false));
        assertFalse(SnsMessage.allowedSnsUrl("not a url", SNS_HOSTS, false));
        assertTrue(SnsMessage.allowedSnsUrl("http://127.0.0.1:4567/x.pem", Pattern.compile("127\\.0\\.0\\.1"), true), "a local fake, when allowed");
    }
}
