package dev.tollgate.billing.domain.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BillingProfileTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final Party SUPPLIER = new Party("acme", "Acme Ltd", "GB123", List.of(new Party.Address("GB", "N1", null, "London", "1 Road", null, null)));

    @Test
    void termsCarryTheWorkflowTheSupplierAndTheThreeApps() {
        UUID tax = UUID.randomUUID();
        UUID invoicing = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        BillingProfile profile = BillingProfile.create(UUID.randomUUID(), new BillingProfile.Details("Main", null, null, SUPPLIER,
                Workflow.DEFAULTS, true), new ProfileApps(tax, invoicing, payment), NOW);
        InvoicingTerms terms = profile.terms();
        assertEquals(Ulid.of(profile.id()), terms.profileId());
        assertEquals("P30D", terms.dueAfter().text());
        assertEquals("PT1H", terms.collectionInterval().text());
        assertFalse(terms.anchoredCollection());
        assertEquals(Ulid.of(tax), terms.taxAppId());
        assertEquals(Ulid.of(invoicing), terms.invoicingAppId());
        assertEquals(Ulid.of(payment), terms.paymentAppId());
        assertEquals(Map.of("code", "GB123"), terms.supplier().get("taxId"));
        assertEquals(SUPPLIER, Party.fromMap(terms.supplier()), "the supplier survives its JSON form");
    }

    @Test
    void replacingKeepsTheAppsAndDeletingDropsTheDefault() {
        UUID app = UUID.randomUUID();
        BillingProfile profile = BillingProfile.create(UUID.randomUUID(), new BillingProfile.Details("Main", null, null, SUPPLIER,
                Workflow.DEFAULTS, false), ProfileApps.all(app), NOW);
        BillingProfile replaced = profile.replace(new BillingProfile.Details("Renamed", "d", Map.of("k", "v"), SUPPLIER, Workflow.DEFAULTS, true),
                NOW.plusSeconds(1));
        assertEquals(ProfileApps.all(app), replaced.apps());
        assertEquals(profile.createdAt(), replaced.createdAt());
        assertTrue(replaced.isDefault());
        BillingProfile deleted = replaced.deleted(NOW.plusSeconds(2));
        assertFalse(deleted.live());
        assertFalse(deleted.isDefault());
    }

    @Test
    void nameDescriptionAndSupplierAreChecked() {
        Party bad = new Party("", null, "x".repeat(33), List.of(new Party.Address("gb", null, null, null, null, null, null),
                new Party.Address("US", null, null, null, null, null, null)));
        ValidationException e = assertThrows(ValidationException.class, () -> BillingProfile.create(UUID.randomUUID(),
                new BillingProfile.Details("", "d".repeat(1025), null, bad, Workflow.DEFAULTS, false), ProfileApps.all(UUID.randomUUID()), NOW));
        assertEquals(List.of("name", "description", "supplier/key", "supplier/taxId/code", "supplier/addresses", "supplier/addresses/0/country"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void anOverrideWithoutAProfilePinsNothing() {
        UUID profile = UUID.randomUUID();
        CustomerOverride floating = new CustomerOverride(UUID.randomUUID(), UUID.randomUUID(), null, NOW, NOW);
        assertFalse(floating.pins(profile));
        CustomerOverride pinned = floating.pinning(profile, NOW.plusSeconds(5));
        assertTrue(pinned.pins(profile));
        assertEquals(NOW, pinned.createdAt());
    }
}
