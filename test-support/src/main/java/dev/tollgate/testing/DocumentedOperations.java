package dev.tollgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every operation of the five documents, at the path Tollgate serves it ({@code docs/api/operations.tsv}), and which
 * of them a request is a call of. A request matching no operation is one of Tollgate's own routes.
 */
public final class DocumentedOperations {
    /** One operation: its document, method, served path template, path in its document and operationId. */
    public record Operation(ApiContract.Document document, String method, String servedAt, String specPath, String operationId) {
        /** Whether the path names a resource ({@code {id}} segments), so that an unknown id must answer 404. */
        public boolean takesId() {
            return servedAt.contains("{");
        }

        public String key() {
            return document.seed + " " + method + " " + servedAt;
        }
    }

    private record Matcher(Operation operation, Pattern pattern, int literalLength) {
    }

    private static final List<Matcher> ALL = load();

    private DocumentedOperations() {
    }

    public static List<Operation> all() {
        return ALL.stream().map(Matcher::operation).toList();
    }

    /**
     * The operation {@code method path} calls (the query string is ignored). Where two templates match, the one with
     * more literal text wins: {@code /api/v1/meters/{id}/query} is not {@code /api/v1/meters/{a}/{b}}.
     */
    public static Optional<Operation> find(String method, String path) {
        String bare = path.split("\\?", 2)[0];
        return ALL.stream()
                .filter(m -> m.operation().method().equalsIgnoreCase(method) && m.pattern().matcher(bare).matches())
                .max(Comparator.comparingInt(Matcher::literalLength))
                .map(Matcher::operation);
    }

    private static List<Matcher> load() {
        Path tsv = ApiContract.apiDirectory().resolve("operations.tsv");
        List<Matcher> matchers = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                String[] cols = line.split("\t", -1);
                if (cols.length < 5 || cols[0].equals("seed")) {
                    continue;
                }
                ApiContract.Document document = ApiContract.Document.bySeed(cols[0]);
                Operation operation = new Operation(document, cols[1], cols[2], cols[3], cols[4]);
                matchers.add(new Matcher(operation, template(cols[2]), cols[2].replaceAll("\\{[^}]*}", "").length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(matchers);
    }

    /** A served path template as a pattern: each {@code {name}} is one non-empty path segment. */
    private static Pattern template(String servedAt) {
        StringBuilder regex = new StringBuilder();
        for (String part : servedAt.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
