package dev.tollgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the suite has seen each documented operation answer, after its answer was checked against the document:
 * one line per operation, status and whether the answer was an empty list. Each test JVM writes its own file under
 * {@code target/contract-coverage/} when it ends; {@code ContractCoverageTest}, which runs after every module's
 * tests, reads them all and fails on what was never seen.
 */
public final class ContractCoverage {
    public static final String DIRECTORY = "target/contract-coverage";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ContractCoverage::write, "contract-coverage"));
    }

    private ContractCoverage() {
    }

    /** One seen line: {@code seed \t method \t servedAt \t status \t empty-list}. */
    static void record(DocumentedOperations.Operation operation, int status, boolean emptyList) {
        SEEN.add(String.join("\t", operation.document().seed, operation.method(), operation.servedAt(),
                Integer.toString(status), Boolean.toString(emptyList)));
    }

    /** What this JVM has seen so far, in the file format. */
    public static Set<String> seen() {
        return Set.copyOf(SEEN);
    }

    private static void write() {
        Path target = Path.of("target");
        if (SEEN.isEmpty() || !Files.isDirectory(target)) {
            return;
        }
        try {
            Path directory = Files.createDirectories(Path.of(DIRECTORY));
            Files.writeString(directory.resolve(UUID.randomUUID() + ".tsv"), SEEN.stream().sorted().collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
