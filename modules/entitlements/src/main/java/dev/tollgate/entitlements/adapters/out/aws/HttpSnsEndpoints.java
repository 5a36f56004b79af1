package dev.tollgate.entitlements.adapters.out.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.entitlements.application.port.out.SnsEndpoints;
import dev.tollgate.platform.domain.ForbiddenException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Fetches SNS signing certificates and confirms subscriptions over plain HTTPS GETs. The URLs were checked against the
 * allowed SNS hosts by the caller; redirects are never followed (they could lead anywhere), bodies are bounded, and a
 * certificate is kept for an hour by URL so a burst of messages costs one fetch.
 */
@Singleton
final class HttpSnsEndpoints implements SnsEndpoints {
    private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Cache<URI, PublicKey> keys = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(Duration.ofHours(1)).build();

    @Override
    public PublicKey signingKey(URI certificateUrl) {
        return keys.get(certificateUrl, this::fetch);
    }

    private PublicKey fetch(URI url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] pem;
            try (InputStream in = response.body()) {
                pem = in.readNBytes(MAX_CERTIFICATE_BYTES + 1);
            }
            if (response.statusCode() != 200 || pem.length > MAX_CERTIFICATE_BYTES) {
                throw new ForbiddenException("The SNS signing certificate could not be fetched (HTTP " + response.statusCode() + ")");
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            certificate.checkValidity();
            return certificate.getPublicKey();
        } catch (CertificateException e) {
            throw new ForbiddenException("The SNS signing certificate is not a valid X.509 certificate");
        } catch (IOException e) {
            throw new ForbiddenException("The SNS signing certificate could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an SNS certificate", e);
        }
    }

    @Override
    public void confirmSubscription(URI subscribeUrl) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(subscribeUrl).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("SNS did not confirm the subscription: HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("SNS could not be reached to confirm the subscription", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while confirming an SNS subscription", e);
        }
    }
}
