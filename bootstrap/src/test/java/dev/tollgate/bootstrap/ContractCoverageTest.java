package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.ContractCoverage;
import dev.tollgate.testing.DocumentedOperations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fails unless every implemented operation of the five documents has been seen, somewhere in the suite and checked
 * against its document, answering success, 401 (where it needs credentials), 404 (where its path takes an id) and an
 * empty list (where it lists); and unless every operation not implemented yet is named in
 * {@code docs/api/not-implemented.txt}, a list that only shrinks. Runs after the other test classes of the last
 * module (see junit-platform.properties), reading what each module's tests saw ({@link ContractCoverage}).
 */
@Order(Integer.MAX_VALUE)
class ContractCoverageTest {

    @Test
    void everyImplementedOperationHasBeenSeenAnsweringWhatItOwes() throws IOException {
        Path api = ApiContract.apiDirectory();
        Path root = api.getParent().getParent();
        Set<String> implemented = new TreeSet<>(Files.readAllLines(Path.of(ContractCoverage.DIRECTORY, ContractBaselineTest.IMPLEMENTED)));
        implemented.remove("");
        Set<String> notImplemented = listed(api.resolve("not-implemented.txt"));
        Map<String, String> exempt = exemptions();

        Map<String, Set<String>> seen = new HashMap<>();
        Set<String> lines = new HashSet<>(ContractCoverage.seen());
        try (Stream<Path> files = Files.find(root, 6, (p, a) -> p.toString().endsWith(".tsv")
                && p.getParent().endsWith("target/contract-coverage"))) {
            for (Path file : files.toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (cols.length < 5) {
                continue;
            }
            Set<String> what = seen.computeIfAbsent(cols[0] + " " + cols[1] + " " + cols[2], k -> new HashSet<>());
            int status = Integer.parseInt(cols[3]);
            // A redirect is success too: the validator accepted it as documented, and some operations answer only that
            // (marketplaceOAuth2InstallAuthorize's 303).
            what.add(status / 100 == 2 || status / 100 == 3 ? "success" : Integer.toString(status));
            if (Boolean.parseBoolean(cols[4])) {
                what.add("empty");
            }
        }

        List<String> problems = new ArrayList<>();
        int owed = 0;
        for (DocumentedOperations.Operation op : DocumentedOperations.all()) {
            String key = op.key();
            if (!implemented.contains(key)) {
                if (!notImplemented.contains(key)) {
                    problems.add(key + ": not implemented, and not in docs/api/not-implemented.txt");
                }
                continue;
            }
            if (notImplemented.contains(key)) {
                problems.add(key + ": implemented now; remove it from docs/api/not-implemented.txt");
            }
            Set<String> got = seen.getOrDefault(key, Set.of());
            for (String needed : owed(op)) {
                owed++;
                if (!got.contains(needed) && !exempt.containsKey(key + " " + needed)) {
                    problems.add(key + ": never seen answering " + needed + " (seen: " + new TreeSet<>(got) + ")");
                }
            }
        }
        System.out.printf("Contract coverage: %d operations implemented, %d not yet; %d answers owed, %d exempted%n",
                implemented.size(), notImplemented.size(), owed, exempt.size());
        assertTrue(problems.isEmpty(), problems.size() + " gaps in what the suite has checked:\n  " + String.join("\n  ", problems));
    }

    /** What an implemented operation must have been seen answering. */
    static List<String> owed(DocumentedOperations.Operation op) {
        List<String> owed = new ArrayList<>(List.of("success"));
        var found = ContractBaselineTest.Probe.of(op);
        if (found.isEmpty()) {
            return owed;
        }
        ContractBaselineTest.Probe probe = found.get();
        if (probe.authenticated()) {
            owed.add("401");
        }
        if (op.takesId()) {
            owed.add("404");
        }
        if (probe.lists()) {
            owed.add("empty");
        }
        return owed;
    }

    private static Set<String> listed(Path file) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.strip());
            }
        }
        return keys;
    }

    /** {@code key answer <tab> why}: an answer an operation cannot give, with the reason. */
    static Map<String, String> exemptions() throws IOException {
        Map<String, String> exempt = new HashMap<>();
        for (String line : Files.readAllLines(ApiContract.apiDirectory().resolve("coverage-exemptions.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cols = line.split("\t");
                exempt.put(cols[0].strip(), cols.length > 1 ? cols[1] : "");
            }
        }
        return exempt;
    }
}
