package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's TLS server context: the configured certificate ({@code tollgate.proxy.tls.cert-file} and
 * {@code key-file}, PEM), or a self-signed one for {@code *.<proxy domain>} generated on first start and kept in
 * the data directory so clients that pin it keep working across restarts.
 */
@Singleton
final class ProxyTls {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyTls.class);
    private final SslContext context;

    ProxyTls(@Nullable @Value("${tollgate.proxy.tls.cert-file}") String certFile,
             @Nullable @Value("${tollgate.proxy.tls.key-file}") String keyFile,
             @Nullable @Value("${tollgate.data-dir}") String dataDir,
             @Value("${tollgate.proxy.domain:tollgate.localhost}") String domain) {
        try {
            File cert;
            File key;
            Path temporary = null;
            if (certFile != null && keyFile != null) {
                cert = new File(certFile);
                key = new File(keyFile);
            } else {
                temporary = dataDir == null ? Files.createTempDirectory("tollgate-tls") : null;
                Path dir = temporary != null ? temporary : Path.of(dataDir, "proxy-tls");
                Path certPath = dir.resolve("proxy.crt");
                Path keyPath = dir.resolve("proxy.key");
                if (!Files.exists(certPath) || !Files.exists(keyPath)) {
                    generate(dir, certPath, keyPath, "*." + domain);
                }
                cert = certPath.toFile();
                key = keyPath.toFile();
            }
            this.context = SslContextBuilder.forServer(cert, key).build();
            if (temporary != null) { // no data directory (tests): the certificate lives only in memory
                Files.delete(key.toPath());
                Files.delete(cert.toPath());
                Files.delete(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the proxy's TLS certificate", e);
        }
    }

    @SuppressWarnings("deprecation")
    private static void generate(Path dir, Path certPath, Path keyPath, String fqdn) throws IOException {
        Files.createDirectories(dir);
        try {
            SelfSignedCertificate generated = new SelfSignedCertificate(fqdn);
            Files.copy(generated.certificate().toPath(), certPath, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(generated.privateKey().toPath(), keyPath, StandardCopyOption.REPLACE_EXISTING);
            generated.delete();
            LOG.info("Generated a self-signed proxy certificate for {} in {}", fqdn, dir);
        } catch (CertificateException e) {
            throw new IOException("could not generate a self-signed certificate", e);
        }
    }

    SslContext context() {
        return context;
    }

    static boolean isHandshakeFailure(Throwable cause) {
        return cause instanceof SSLException || cause.getCause() instanceof SSLException;
    }
}
