package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The failures a test asked for ({@link FakeStripe#failRequests}): rules over method, path and parameters, each
 * serving its first {@code after} matching requests, failing the next {@code times} and then gone. A request counts
 * for the first rule it matches only. Used under the state's lock.
 */
final class InjectedFailures {
    private static final class Rule {
        final String method;
        final String path;
        final Map<String, String> params;
        final FakeStripe.Failure failure;
        int after;
        int times;

        Rule(String method, String path, Map<String, String> params, int after, int times, FakeStripe.Failure failure) {
            this.method = method;
            this.path = path;
            this.params = Map.copyOf(params);
            this.after = after;
            this.times = times;
            this.failure = failure;
        }

        /** The path exactly, or a prefix when it ends with {@code *}; every parameter named, by its top-level value. */
        boolean matches(String method, String path, Supplier<ObjectNode> params) {
            if (!this.method.equals(method)) {
                return false;
            }
            boolean pathMatches = this.path.endsWith("*")
                    ? path.startsWith(this.path.substring(0, this.path.length() - 1)) : this.path.equals(path);
            if (!pathMatches) {
                return false;
            }
            if (this.params.isEmpty()) {
                return true;
            }
            ObjectNode given = params.get();
            for (Map.Entry<String, String> wanted : this.params.entrySet()) {
                JsonNode value = given.get(wanted.getKey());
                if (value == null || !value.isTextual() || !value.asText().equals(wanted.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    void add(String method, String path, Map<String, String> params, int after, int times, FakeStripe.Failure failure) {
        if (method == null || path == null || failure == null) {
            throw new IllegalArgumentException("a failure needs a method, a path and how it fails");
        }
        if (after < 0 || times < 1) {
            throw new IllegalArgumentException("after >= 0 requests served, then times >= 1 failed");
        }
        rules.add(new Rule(method, path, params == null ? Map.of() : params, after, times, failure));
    }

    void clear() {
        rules.clear();
    }

    int pending() {
        return rules.stream().mapToInt(r -> r.times).sum();
    }

    /** How this request fails, or null when it is served; counts it against the first rule it matches. */
    FakeStripe.Failure meet(String method, String path, Supplier<ObjectNode> params) {
        if (rules.isEmpty()) {
            return null;
        }
        ObjectNode[] parsed = new ObjectNode[1];
        Supplier<ObjectNode> once = () -> parsed[0] != null ? parsed[0] : (parsed[0] = params.get());
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!rule.matches(method, path, once)) {
                continue;
            }
            if (rule.after > 0) {
                rule.after--;
                return null;
            }
            if (--rule.times == 0) {
                it.remove();
            }
            return rule.failure;
        }
        return null;
    }
}
