package dev.tollgate.metering.adapters.out.persistence;

import dev.tollgate.metering.domain.TextFilter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Translates a {@link TextFilter} into a SQL condition over an expression, with its operands as parameters. */
final class TextFilterSql {
    private TextFilterSql() {
    }

    /**
     * @param expression appends the expression being filtered (and its own parameters) each time it is needed
     * @param operand    converts an operand to the parameter to bind (a string, or a timestamp for time filters)
     */
    static void append(StringBuilder sql, List<Object> parameters, TextFilter filter, Consumer<StringBuilder> expression,
                       Function<String, Object> operand) {
        if (filter instanceof TextFilter.Compare c) {
            sql.append('(');
            expression.accept(sql);
            sql.append(switch (c.operator()) {
                case "$eq" -> " = ?";
                case "$ne" -> " <> ?";
                case "$gt" -> " > ?";
                case "$gte" -> " >= ?";
                case "$lt" -> " < ?";
                case "$lte" -> " <= ?";
                case "$like" -> " LIKE ?";
                case "$nlike" -> " NOT LIKE ?";
                case "$ilike" -> " ILIKE ?";
                case "$nilike" -> " NOT ILIKE ?";
                default -> throw new IllegalArgumentException(c.operator());
            }).append(')');
            parameters.add(operand.apply(c.operand()));
        } else if (filter instanceof TextFilter.Among a) {
            sql.append(a.negated() ? "(NOT (" : "((");
            expression.accept(sql);
            sql.append(" = ANY(?)))");
            parameters.add(a.operands().toArray(String[]::new));
        } else if (filter instanceof TextFilter.All all) {
            join(sql, parameters, all.filters(), " AND ", expression, operand);
        } else if (filter instanceof TextFilter.Any any) {
            join(sql, parameters, any.filters(), " OR ", expression, operand);
        }
    }

    private static void join(StringBuilder sql, List<Object> parameters, List<TextFilter> filters, String operator,
                             Consumer<StringBuilder> expression, Function<String, Object> operand) {
        sql.append('(');
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) {
                sql.append(operator);
            }
            append(sql, parameters, filters.get(i), expression, operand);
        }
        sql.append(')');
    }
}
