package dev.tollgate.proxy.adapters.in.pgwire;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL that asks for passwords, unlike {@code UpstreamPostgres}, which trusts every login: one role logs
 * in with SCRAM-SHA-256, one with md5 (its password stored as md5) and one with the cleartext "password" method, each
 * by its own pg_hba.conf line. A cluster of its own, so the other tests' upstream keeps trusting them. Only the
 * superuser, which the test uses to look at the server, is trusted.
 */
final class PasswordUpstream {
    static final String SCRAM_USER = "scram_user";
    static final String MD5_USER = "md5_user";
    static final String CLEARTEXT_USER = "cleartext_user";
    static final String PASSWORD = "upstream-Pa55word";

    private static EmbeddedPostgres server;

    private PasswordUpstream() {
    }

    static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    static int port() {
        return get().getPort();
    }

    private static EmbeddedPostgres start() {
        EmbeddedPostgres started;
        try {
            started = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "50")
                    .setDataDirectoryCustomizer(PasswordUpstream::writeHba)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the password-checking upstream PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        try (Connection c = started.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE ROLE " + CLEARTEXT_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            // An md5 line with a SCRAM-stored password would quietly run SCRAM instead: the password is stored as md5.
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE ROLE " + MD5_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the upstream's password roles", e);
        }
        return started;
    }

    private static void writeHba(File dataDirectory) {
        String hba = String.join("\n",
                "local all postgres trust",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all " + SCRAM_USER + " all scram-sha-256",
                "host all " + MD5_USER + " all md5",
                "host all " + CLEARTEXT_USER + " all password",
                "host all all all reject",
                "");
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
