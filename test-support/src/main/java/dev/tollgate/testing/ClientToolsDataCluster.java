package dev.tollgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A data cluster whose server and client programs ({@code pg_dump}, {@code pg_restore}) are of one version, for branch
 * backups (ADR 0072): the embedded servers ship no client programs, and a {@code pg_dump} refuses a server newer than
 * itself. Started on first use from the machine's PostgreSQL installation ({@code /usr/lib/postgresql/<n>/bin}, the
 * newest there; Debian's {@code postgresql} package), as the {@code postgres} system user when the tests run as root
 * (PostgreSQL refuses to run as root), trusting local logins; stopped when the JVM exits.
 */
public final class ClientToolsDataCluster {
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static volatile Started server;

    private record Started(Path bin, int port) {
    }

    private ClientToolsDataCluster() {
    }

    /** The newest installation with a server and its client programs, if the machine has one. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Stream.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore").allMatch(p -> Files.isExecutable(bin.resolve(p))))
                    .max(Comparator.comparingInt(bin -> version(bin.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The configuration that makes it the node's data cluster {@code test}, with its programs' directory. */
    public static Map<String, String> properties() {
        Started s = get();
        return Map.of(
                "tollgate.data-clusters.test.host", "localhost",
                "tollgate.data-clusters.test.port", Integer.toString(s.port()),
                "tollgate.data-clusters.test.admin-user", "postgres",
                "tollgate.data-clusters.test.admin-password", "unused-with-trust",
                "tollgate.data-clusters.test.bin-dir", s.bin().toString());
    }

    public static int port() {
        return get().port();
    }

    private static synchronized Started get() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Started start() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL installation with pg_dump in " + INSTALLATIONS
                + " (Debian: apt-get install postgresql)"));
        try {
            Path data = Files.createTempDirectory("tollgate-dump-cluster");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", data.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("pg").toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pg").toString(), "-l", data.resolve("log").toString(), "-w",
                    "-o", "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories='" + data + "' -F -c max_connections=100",
                    "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("pg").toString(), "-m", "immediate", "stop"), root);
                } catch (IOException | RuntimeException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Started(bin, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the data cluster from " + bin, e);
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("tollgate-dump-cluster", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(full + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(full + " exited with " + process.exitValue() + ": " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
