package dev.tollgate.proxy.adapters.out.cluster;

import dev.tollgate.proxy.application.port.out.BranchDumps;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.ManagedIdentifier;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code pg_dump} and {@code pg_restore} of the data cluster (ADR 0072), from its {@code bin-dir} (else the
 * {@code PATH}), run as its administrator. The password travels in the child's environment ({@code PGPASSWORD}), never
 * on its command line; arguments are a list, never a shell line, and names are {@link ManagedIdentifier}s. pg_dump
 * refuses a server newer than itself: the cluster's own programs (or newer ones) are needed.
 */
@Singleton
final class ProcessBranchDumps implements BranchDumps {
    private static final long CHECK_SECONDS = 10;
    private static final long LIMIT_HOURS = 12;
    private static final int MESSAGE_LIMIT = 2_000;

    @Override
    public void dump(DataCluster cluster, String database, Path file, Runnable stillRunning) throws IOException {
        ManagedIdentifier.require(database);
        List<String> command = new ArrayList<>(List.of(program(cluster, "pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                "--no-password", "--file=" + file));
        command.addAll(connection(cluster, database));
        run(command, cluster, stillRunning);
    }

    @Override
    public void restore(DataCluster cluster, String database, String owner, Path file) throws IOException {
        ManagedIdentifier.require(database);
        ManagedIdentifier.require(owner);
        List<String> command = new ArrayList<>(List.of(program(cluster, "pg_restore"), "--no-owner", "--no-privileges", "--no-password",
                "--single-transaction", "--exit-on-error", "--role=" + owner));
        command.addAll(connection(cluster, database));
        command.add(file.toString());
        run(command, cluster, () -> { });
    }

    private static List<String> connection(DataCluster cluster, String database) {
        return List.of("--host=" + cluster.host(), "--port=" + cluster.port(), "--username=" + cluster.adminUser(), "--dbname=" + database);
    }

    private static String program(DataCluster cluster, String name) {
        return cluster.binDir() == null ? name : Path.of(cluster.binDir(), name).toString();
    }

    private static void run(List<String> command, DataCluster cluster, Runnable stillRunning) throws IOException {
        Path errors = Files.createTempFile("tollgate-dump", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            Map<String, String> environment = builder.environment();
            environment.remove("PGPASSWORD");
            if (cluster.adminPassword() != null) {
                environment.put("PGPASSWORD", cluster.adminPassword());
            }
            environment.put("PGCONNECT_TIMEOUT", "10");
            environment.put("PGAPPNAME", "tollgate-backups");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("could not run " + command.get(0) + ": " + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(LIMIT_HOURS);
            try {
                while (!process.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                    if (System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IOException(command.get(0) + " ran for more than " + LIMIT_HOURS + " hours");
                    }
                    stillRunning.run();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(command.get(0) + " was interrupted", e);
            }
            if (process.exitValue() != 0) {
                String said = Files.readString(errors, StandardCharsets.UTF_8).strip();
                if (said.length() > MESSAGE_LIMIT) {
                    said = said.substring(0, MESSAGE_LIMIT);
                }
                throw new IOException(Path.of(command.get(0)).getFileName() + " exited with " + process.exitValue()
                        + (said.isEmpty() ? "" : ": " + said));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
