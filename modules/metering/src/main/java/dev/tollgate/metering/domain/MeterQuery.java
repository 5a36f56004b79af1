package dev.tollgate.metering.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One meter query, checked against its meter: the time range [from, to) (OpenMeter's source treats {@code to} as
 * exclusive; see ADR 0008), calendar windows in a time zone, the subjects to include, the dimensions to group by
 * ({@code subject} or a key of the meter's groupBy; filtering by subject groups by subject) and filters on groupBy
 * values.
 */
public record MeterQuery(Instant from, Instant to, WindowSize windowSize, ZoneId windowTimeZone, List<String> subjects,
                         List<String> groupBy, Map<String, TextFilter> filterGroupBy, List<String> filterCustomerIds,
                         Map<String, String> customerBySubject) {

    public MeterQuery {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filterGroupBy = filterGroupBy == null ? Map.of() : Map.copyOf(filterGroupBy);
        filterCustomerIds = filterCustomerIds == null ? List.of() : List.copyOf(filterCustomerIds);
        customerBySubject = customerBySubject == null ? Map.of() : Map.copyOf(customerBySubject);
    }

    public MeterQuery(Instant from, Instant to, WindowSize windowSize, ZoneId windowTimeZone, List<String> subjects, List<String> groupBy,
                      Map<String, TextFilter> filterGroupBy, List<String> filterCustomerIds) {
        this(from, to, windowSize, windowTimeZone, subjects, groupBy, filterGroupBy, filterCustomerIds, Map.of());
    }

    /** The customers asked for, resolved: each subject (a customer key or subject key) and the customer it belongs to. */
    public MeterQuery withCustomers(Map<String, String> bySubject) {
        return new MeterQuery(from, to, windowSize, windowTimeZone, subjects, groupBy, filterGroupBy, filterCustomerIds, bySubject);
    }

    /** The query as it will run for {@code meter}: validated, with the implied groupings added. */
    public MeterQuery against(Meter meter) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException(from.equals(to) ? "from" : "to", from.equals(to) ? "from and to cannot be equal"
                    : "to must be after from");
        }
        if (subjects.size() > 100) {
            throw new ValidationException("subject", "at most 100 subjects");
        }
        if (filterCustomerIds.size() > 100) {
            throw new ValidationException("filterCustomerId", "at most 100 customers");
        }
        List<String> groups = new ArrayList<>();
        for (String key : groupBy) {
            if (key.equals("customer_id") && filterCustomerIds.isEmpty()) {
                throw new ValidationException("groupBy", "grouping by customer_id needs filterCustomerId");
            }
            if (!key.equals("subject") && !key.equals("customer_id") && !meter.groupBy().containsKey(key)) {
                throw new ValidationException("groupBy", "invalid group by '" + key + "': use subject or one of "
                        + meter.groupBy().keySet());
            }
            if (!groups.contains(key)) {
                groups.add(key);
            }
        }
        if (!subjects.isEmpty() && !groups.contains("subject")) {
            groups.add("subject");
        }
        if (!filterCustomerIds.isEmpty() && !groups.contains("customer_id")) {
            groups.add("customer_id");
        }
        for (String key : filterGroupBy.keySet()) {
            if (!meter.groupBy().containsKey(key)) {
                throw new ValidationException("filterGroupBy", "invalid filter group by '" + key + "': not a groupBy key of meter "
                        + meter.slug());
            }
        }
        Instant lower = from;
        if (meter.eventFrom() != null && (lower == null || lower.isBefore(meter.eventFrom()))) {
            lower = meter.eventFrom();
        }
        return new MeterQuery(lower, to, windowSize, windowTimeZone, subjects, groups, new LinkedHashMap<>(filterGroupBy), filterCustomerIds,
                customerBySubject);
    }
}
