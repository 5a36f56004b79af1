package dev.tollgate.billing.domain.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowTest {
    @Test
    void anEmptyDraftTakesEveryOpenMeterDefault() {
        Workflow w = Workflow.of(Workflow.Draft.EMPTY);
        assertEquals("subscription", w.alignment());
        assertNull(w.recurringPeriod());
        assertEquals("PT1H", w.collectionInterval().text());
        assertTrue(w.autoAdvance());
        assertEquals("P0D", w.draftPeriod().text());
        assertEquals("P30D", w.dueAfter().text());
        assertTrue(w.progressiveBilling());
        assertEquals("charge_automatically", w.collectionMethod());
        assertTrue(w.taxEnabled());
        assertFalse(w.taxEnforced());
        assertEquals(Workflow.DEFAULTS, w);
    }

    @Test
    void statedSettingsReplaceOnlyTheirDefaults() {
        Workflow w = Workflow.of(new Workflow.Draft("anchored", true, "MONTH", Instant.parse("2026-01-01T00:00:00Z"), "PT2H", false, "P1D",
                null, null, new TaxConfig("inclusive", "txcd_10000000", false, null), "send_invoice", null, null));
        assertTrue(w.anchored());
        assertEquals("MONTH", w.recurringPeriod().interval());
        assertEquals("PT2H", w.collectionInterval().text());
        assertFalse(w.autoAdvance());
        assertEquals("P1D", w.draftPeriod().text());
        assertEquals("P30D", w.dueAfter().text());
        assertEquals("send_invoice", w.collectionMethod());
        assertEquals("inclusive", w.defaultTaxConfig().toMap().get("behavior"));
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceWithItsField() {
        ValidationException e = assertThrows(ValidationException.class, () -> Workflow.of(new Workflow.Draft("calendar", false, null, null,
                "one hour", null, "P-1D", "30 days", null, new TaxConfig("gross", "tax_1", true, null), "cheque", false, true)));
        assertEquals(List.of("workflow/collection/alignment/type", "workflow/collection/interval", "workflow/invoicing/draftPeriod",
                        "workflow/invoicing/dueAfter", "workflow/invoicing/defaultTaxConfig/behavior", "workflow/invoicing/defaultTaxConfig/stripe/code",
                        "workflow/invoicing/defaultTaxConfig/customInvoicing/code", "workflow/payment/collectionMethod", "workflow/tax/enforced"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void anchoredAlignmentNeedsAPositiveRecurringPeriodAndAnAnchor() {
        assertEquals("workflow/collection/alignment/recurringPeriod", fields(new Workflow.Draft("anchored", false, null, null, null, null, null,
                null, null, null, null, null, null)).get(0));
        assertEquals(List.of("workflow/collection/alignment/recurringPeriod/interval", "workflow/collection/alignment/recurringPeriod/anchor"),
                fields(new Workflow.Draft("anchored", true, "P0D", null, null, null, null, null, null, null, null, null, null)));
    }

    private static List<String> fields(Workflow.Draft draft) {
        return assertThrows(ValidationException.class, () -> Workflow.of(draft)).errors().stream().map(FieldError::field).toList();
    }
}
