package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.IsoDuration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An invoice's snapshot of its workflow in OpenMeter's InvoiceWorkflowSettings shape, which is also how it is stored:
 * one shape to read back and to show. {@link #terms} reads it back into the typed terms the state machine uses.
 */
public final class InvoiceWorkflow {
    private InvoiceWorkflow() {
    }

    public static Map<String, Object> document(InvoicingTerms terms) {
        Map<String, Object> collection = new LinkedHashMap<>();
        if (!terms.anchoredCollection()) {
            collection.put("alignment", Map.of("type", "subscription"));
        }
        collection.put("interval", text(terms.collectionInterval()));
        Map<String, Object> invoicing = new LinkedHashMap<>();
        invoicing.put("autoAdvance", terms.autoAdvance());
        invoicing.put("draftPeriod", text(terms.draftPeriod()));
        invoicing.put("dueAfter", text(terms.dueAfter()));
        invoicing.put("progressiveBilling", terms.progressiveBilling());
        if (terms.defaultTaxConfig() != null) {
            invoicing.put("defaultTaxConfig", terms.defaultTaxConfig());
        }
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("collection", collection);
        workflow.put("invoicing", invoicing);
        workflow.put("payment", Map.of("collectionMethod", terms.collectionMethod()));
        workflow.put("tax", Map.of("enabled", terms.taxEnabled(), "enforced", terms.taxEnforced()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("apps", Map.of("tax", Map.of("id", terms.taxAppId()), "invoicing", Map.of("id", terms.invoicingAppId()),
                "payment", Map.of("id", terms.paymentAppId())));
        out.put("sourceBillingProfileId", terms.profileId());
        out.put("workflow", workflow);
        return out;
    }

    @SuppressWarnings("unchecked")
    public static InvoicingTerms terms(Map<String, Object> document, Map<String, Object> supplier) {
        Map<String, Object> workflow = (Map<String, Object>) document.get("workflow");
        Map<String, Object> collection = (Map<String, Object>) workflow.get("collection");
        Map<String, Object> invoicing = (Map<String, Object>) workflow.get("invoicing");
        Map<String, Object> payment = (Map<String, Object>) workflow.get("payment");
        Map<String, Object> tax = (Map<String, Object>) workflow.get("tax");
        Map<String, Object> apps = (Map<String, Object>) document.get("apps");
        return new InvoicingTerms((String) document.get("sourceBillingProfileId"), supplier, duration(collection.get("interval")),
                !collection.containsKey("alignment"), (Boolean) invoicing.get("autoAdvance"), duration(invoicing.get("draftPeriod")),
                duration(invoicing.get("dueAfter")), (Boolean) invoicing.get("progressiveBilling"), (String) payment.get("collectionMethod"),
                (Boolean) tax.get("enabled"), (Boolean) tax.get("enforced"), (Map<String, Object>) invoicing.get("defaultTaxConfig"),
                appId(apps, "tax"), appId(apps, "invoicing"), appId(apps, "payment"));
    }

    /** The terms with the invoicing and payment settings an invoice update may change (digest 003b §3.7). */
    public static InvoicingTerms edited(InvoicingTerms terms, boolean autoAdvance, IsoDuration draftPeriod, IsoDuration dueAfter,
                                        Map<String, Object> defaultTaxConfig, String collectionMethod) {
        return new InvoicingTerms(terms.profileId(), terms.supplier(), terms.collectionInterval(), terms.anchoredCollection(), autoAdvance,
                draftPeriod, dueAfter, terms.progressiveBilling(), collectionMethod, terms.taxEnabled(), terms.taxEnforced(), defaultTaxConfig,
                terms.taxAppId(), terms.invoicingAppId(), terms.paymentAppId());
    }

    @SuppressWarnings("unchecked")
    private static String appId(Map<String, Object> apps, String role) {
        return (String) ((Map<String, Object>) apps.get(role)).get("id");
    }

    private static String text(IsoDuration duration) {
        return duration == null ? "P0D" : duration.text();
    }

    private static IsoDuration duration(Object text) {
        return IsoDuration.parse((String) text).orElseThrow(() -> new IllegalStateException("stored workflow has a bad duration: " + text));
    }
}
