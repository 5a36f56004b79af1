package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenMeter's FilterString (and FilterTime, whose operands are date-times): {@code $eq $ne $gt $gte $lt $lte $like
 * $nlike $ilike $nilike} with one operand, {@code $in $nin} with a list, {@code $and $or} combining filters. Several
 * operators in one object must all hold.
 */
public sealed interface TextFilter {

    record Compare(String operator, String operand) implements TextFilter {
    }

    record Among(boolean negated, List<String> operands) implements TextFilter {
    }

    record All(List<TextFilter> filters) implements TextFilter {
    }

    record Any(List<TextFilter> filters) implements TextFilter {
    }

    List<String> COMPARISONS = List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$like", "$nlike", "$ilike", "$nilike");

    /** Parses a decoded JSON filter object; {@code field} names it in errors. */
    static TextFilter parse(String field, Object json) {
        if (!(json instanceof Map<?, ?> object) || object.isEmpty()) {
            throw new ValidationException(field, "must be a filter object such as {\"$eq\":\"value\"}");
        }
        List<TextFilter> parts = new ArrayList<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String operator = String.valueOf(entry.getKey());
            Object operand = entry.getValue();
            String at = field + "." + operator;
            if (COMPARISONS.contains(operator)) {
                if (operand == null || operand instanceof Map || operand instanceof List) {
                    throw new ValidationException(at, "must be a single value");
                }
                parts.add(new Compare(operator, String.valueOf(operand)));
            } else if (operator.equals("$in") || operator.equals("$nin")) {
                if (!(operand instanceof List<?> list) || list.isEmpty()) {
                    throw new ValidationException(at, "must be a non-empty array");
                }
                parts.add(new Among(operator.equals("$nin"), list.stream().map(String::valueOf).toList()));
            } else if (operator.equals("$and") || operator.equals("$or")) {
                if (!(operand instanceof List<?> list) || list.isEmpty()) {
                    throw new ValidationException(at, "must be a non-empty array of filters");
                }
                List<TextFilter> nested = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    nested.add(parse(at + "[" + i + "]", list.get(i)));
                }
                parts.add(operator.equals("$and") ? new All(nested) : new Any(nested));
            } else {
                throw new ValidationException(at, "unknown operator; use one of " + COMPARISONS + ", $in, $nin, $and, $or");
            }
        }
        return parts.size() == 1 ? parts.get(0) : new All(parts);
    }
}
