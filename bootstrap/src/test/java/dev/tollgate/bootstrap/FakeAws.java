package dev.tollgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * AWS, as far as the Marketplace fulfilment meets it, on a loopback port: the Metering Service (ResolveCustomer,
 * BatchMeterUsage) and Entitlement Service (GetEntitlements) by {@code X-Amz-Target}, SNS's signing certificate and
 * subscription URL, and an SNS that signs messages as SNS does. It records every call.
 */
final class FakeAws implements AutoCloseable {
    static final String PRODUCT = "prod-tollgate-test";
    static final String TOPIC = "arn:aws:sns:us-east-1:287250355862:aws-mp-subscription-notification-prod-tollgate-test";
    static final String ACCESS_KEY = "AKIDTOLLGATETEST";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final KeyPair signing;
    private final String certificatePem;
    private final Map<String, String> customersByToken = new ConcurrentHashMap<>();
    private final Map<String, List<String>> entitlements = new ConcurrentHashMap<>();
    private final List<JsonNode> meteringCalls = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();

    FakeAws() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            signing = generator.generateKeyPair();
            Instant now = Instant.now();
            var holder = new JcaX509v3CertificateBuilder(new X500Name("CN=sns.amazonaws.com"), BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), new X500Name("CN=sns.amazonaws.com"),
                    signing.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(signing.getPrivate()));
            var certificate = new JcaX509CertificateConverter().getCertificate(holder);
            certificatePem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The registration token AWS would hand the buyer's browser for {@code customer}, entitled to {@code dimensions}. */
    String registration(String customer, String... dimensions) {
        String token = "regtoken-" + customer;
        customersByToken.put(token, customer);
        entitlements.put(customer, List.of(dimensions));
        return token;
    }

    void entitle(String customer, String... dimensions) {
        entitlements.put(customer, List.of(dimensions));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod())) {
            fetches.add(exchange.getRequestURI().toString());
            reply(exchange, 200, path.endsWith(".pem") ? certificatePem : "<ConfirmSubscriptionResponse/>");
            return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        ObjectNode answer = JSON.createObjectNode();
        switch (String.valueOf(target)) {
            case "AWSMPMeteringService.ResolveCustomer" -> {
                String customer = customersByToken.get(request.path("RegistrationToken").asText());
                if (customer == null) {
                    reply(exchange, 400, "{\"__type\":\"InvalidTokenException\",\"message\":\"bad token\"}");
                    return;
                }
                answer.put("CustomerIdentifier", customer).put("ProductCode", PRODUCT).put("CustomerAWSAccountId", "123456789012");
            }
            case "AWSMPEntitlementService.GetEntitlements" -> {
                String customer = request.path("Filter").path("CUSTOMER_IDENTIFIER").path(0).asText();
                var list = answer.putArray("Entitlements");
                for (String d : entitlements.getOrDefault(customer, List.of())) {
                    list.addObject().put("ProductCode", PRODUCT).put("Dimension", d).put("CustomerIdentifier", customer)
                            .putObject("Value").put("BooleanValue", true);
                }
            }
            case "AWSMPMeteringService.BatchMeterUsage" -> {
                meteringCalls.add(request);
                var results = answer.putArray("Results");
                request.path("UsageRecords").forEach(r -> results.addObject().put("Status", "Success").set("UsageRecord", r));
                answer.putArray("UnprocessedRecords");
            }
            default -> {
                reply(exchange, 400, "{\"__type\":\"UnknownOperationException\"}");
                return;
            }
        }
        reply(exchange, 200, answer.toString());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<JsonNode> meteringCalls() {
        return List.copyOf(meteringCalls);
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Every GET (certificate fetches and subscription confirmations), by path and query. */
    List<String> fetches() {
        return List.copyOf(fetches);
    }

    /** A Marketplace notification for {@code customer}, as SNS delivers it over HTTP, signed (version 2) at {@code at}. */
    String notification(String action, String customer, Instant at) {
        String message = "{\"action\":\"" + action + "\",\"customer-identifier\":\"" + customer + "\",\"product-code\":\"" + PRODUCT + "\"}";
        return signed(Map.of("Type", "Notification", "MessageId", java.util.UUID.randomUUID().toString(), "TopicArn", TOPIC,
                "Message", message, "Timestamp", at.toString(), "SignatureVersion", "2",
                "SigningCertURL", baseUrl() + "/SimpleNotificationService-test.pem"));
    }

    /** The message SNS sends when an endpoint is subscribed to the topic. */
    String subscriptionConfirmation(Instant at) {
        return signed(Map.of("Type", "SubscriptionConfirmation", "MessageId", java.util.UUID.randomUUID().toString(), "TopicArn", TOPIC,
                "Message", "You have chosen to subscribe to the topic.", "Timestamp", at.toString(), "SignatureVersion", "1",
                "Token", "confirm-token-1", "SubscribeURL", baseUrl() + "/?Action=ConfirmSubscription&Token=confirm-token-1",
                "SigningCertURL", baseUrl() + "/SimpleNotificationService-test.pem"));
    }

    /** Signs the fields as SNS does (the canonical "key\nvalue\n" text of the type's fields) and writes the JSON body. */
    String signed(Map<String, String> fields) {
        boolean notification = "Notification".equals(fields.get("Type"));
        List<String> keys = notification ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder text = new StringBuilder();
        for (String k : keys) {
            if (fields.containsKey(k)) {
                text.append(k).append('\n').append(fields.get(k)).append('\n');
            }
        }
        try {
            Signature signer = Signature.getInstance("2".equals(fields.get("SignatureVersion")) ? "SHA256withRSA" : "SHA1withRSA");
            signer.initSign(signing.getPrivate());
            signer.update(text.toString().getBytes(StandardCharsets.UTF_8));
            ObjectNode body = JSON.createObjectNode();
            fields.forEach(body::put);
            body.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return body.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> properties() {
        return Map.ofEntries(Map.entry("tollgate.marketplace.aws.product-code", PRODUCT),
                Map.entry("tollgate.marketplace.aws.metering-url", baseUrl()),
                Map.entry("tollgate.marketplace.aws.entitlement-url", baseUrl()),
                Map.entry("tollgate.marketplace.aws.access-key-id", ACCESS_KEY),
                Map.entry("tollgate.marketplace.aws.secret-access-key", "test-secret"),
                Map.entry("tollgate.marketplace.aws.sns.topic-arns", TOPIC),
                Map.entry("tollgate.marketplace.aws.sns.hosts", "127\\.0\\.0\\.1"),
                Map.entry("tollgate.marketplace.aws.sns.allow-plain-http", "true"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
