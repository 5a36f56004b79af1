package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Map;

/**
 * What a create or change request asks for, read from OpenMeter's PlanSubscriptionCreate / CustomSubscriptionCreate
 * (or their Change variants): a catalog plan by key (and version) or a custom plan, where to start, the anchor, and
 * for a create the customer. Every problem is reported with its field at once.
 */
public record StartRequest(String customerIdOrKey, String planKey, Integer planVersion, Map<String, Object> customPlan, String startingPhase,
                           String name, String description, Map<String, String> metadata, Timing timing, Instant billingAnchor) {

    /** A createSubscription body: the customer by id (which takes precedence) or key; timing defaults to immediate. */
    public static StartRequest forCreate(Map<String, Object> doc) {
        return read(doc, true);
    }

    /** A changeSubscription body: no customer (it is the subscription's), timing required. */
    public static StartRequest forChange(Map<String, Object> doc) {
        return read(doc, false);
    }

    private static StartRequest read(Map<String, Object> doc, boolean create) {
        DocumentReader r = new DocumentReader();
        String customer = null;
        if (create) {
            String id = r.text(doc, "", "customerId", false, 26);
            String key = r.text(doc, "", "customerKey", false, 256);
            customer = id != null ? id : key;
            if (id == null && key == null) {
                r.fail("customerId", "field_required", "customerId or customerKey is required");
            }
        }
        Map<String, Object> plan = r.object(doc, "", "plan", false);
        Map<String, Object> custom = r.object(doc, "", "customPlan", false);
        if ((plan == null) == (custom == null) && !r.failed()) {
            r.fail("plan", "field_required", "give exactly one of plan (a catalog plan by key) and customPlan");
        }
        String planKey = null;
        Integer version = null;
        if (plan != null) {
            planKey = r.key(plan, "plan", "key", true);
            version = r.whole(plan, "plan", "version", 1, Integer.MAX_VALUE, "must be a whole number of at least 1");
        }
        String startingPhase = r.text(doc, "", "startingPhase", false, 64);
        if (custom != null && startingPhase != null) {
            r.fail("startingPhase", "invalid_value", "a custom plan starts at its first phase");
        }
        String name = r.text(doc, "", "name", false, 256);
        String description = r.text(doc, "", "description", false, 1024);
        Map<String, String> metadata = r.metadata(doc, "");
        Instant anchor = r.time(doc, "", "billingAnchor", false);
        r.throwIfFailed();
        Timing timing = Timing.parse(doc.get("timing"), "timing", create ? Timing.IMMEDIATE : null);
        return new StartRequest(customer, planKey, version, custom, startingPhase, name, description, metadata, timing, anchor);
    }

    /** A custom plan's problems as the catalog reported them, moved under {@code customPlan/}. */
    public static ValidationException inCustomPlan(ValidationException e) {
        return new ValidationException(e.code(), e.errors().stream().map(f -> new FieldError(
                f.field() == null ? "customPlan" : "customPlan/" + f.field(), f.message(), f.code())).toList());
    }

    /** A migrate body: the target version (null: the active one), a starting phase, an anchor and the timing (immediate). */
    public record Migration(Integer targetVersion, String startingPhase, Instant billingAnchor, Timing timing) {
        public static Migration read(Map<String, Object> doc) {
            DocumentReader r = new DocumentReader();
            Integer target = r.whole(doc, "", "targetVersion", 1, Integer.MAX_VALUE, "must be a whole number of at least 1");
            String startingPhase = r.text(doc, "", "startingPhase", false, 64);
            Instant anchor = r.time(doc, "", "billingAnchor", false);
            r.throwIfFailed();
            return new Migration(target, startingPhase, anchor, Timing.parse(doc.get("timing"), "timing", Timing.IMMEDIATE));
        }
    }

}
