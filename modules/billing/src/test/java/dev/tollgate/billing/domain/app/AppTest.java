package dev.tollgate.billing.domain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void theMarketplaceOffersThreeAppsAndOnlyStripeNeedsCredentials() {
        assertEquals(List.of(AppType.STRIPE, AppType.SANDBOX, AppType.CUSTOM_INVOICING), Marketplace.LISTINGS.stream().map(Listing::type).toList());
        assertFalse(Marketplace.STRIPE.installsWithoutCredentials());
        assertEquals(List.of(Listing.InstallMethod.WITH_API_KEY), Marketplace.STRIPE.installMethods());
        assertTrue(Marketplace.SANDBOX.installsWithoutCredentials());
        assertTrue(Marketplace.CUSTOM_INVOICING.installsWithoutCredentials());
        for (Listing listing : Marketplace.LISTINGS) {
            assertEquals(List.of("calculateTax", "invoiceCustomers", "collectPayments"), listing.capabilityTypes());
            listing.capabilities().forEach(c -> assertTrue(c.key().matches("^[a-z0-9]+(?:_[a-z0-9]+)*$"), c.key()));
        }
        assertTrue(Marketplace.find("paypal").isEmpty());
    }

    @Test
    void anInstallIsNamedAfterItsListingUnlessNamedAndStartsWithoutHooks() {
        App app = App.install(UUID.randomUUID(), Marketplace.CUSTOM_INVOICING, null, NOW);
        assertEquals("Custom Invoicing", app.name());
        assertFalse(app.enableDraftSyncHook());
        assertEquals("Mine", App.install(UUID.randomUUID(), Marketplace.SANDBOX, "Mine", NOW).name());
        assertThrows(ValidationException.class, () -> App.install(UUID.randomUUID(), Marketplace.SANDBOX, "x".repeat(257), NOW));
    }

    @Test
    void customInvoicingNeedsBothHooksAndNoAppChangesType() {
        App custom = App.install(UUID.randomUUID(), Marketplace.CUSTOM_INVOICING, null, NOW);
        App hooked = custom.replace(new App.Change(AppType.CUSTOM_INVOICING, "ERP", null, Map.of("a", "b"), true, false), NOW.plusSeconds(1));
        assertTrue(hooked.enableDraftSyncHook());
        assertFalse(hooked.enableIssuingSyncHook());
        assertEquals(custom.createdAt(), hooked.createdAt());
        ValidationException missing = assertThrows(ValidationException.class, () -> custom.replace(new App.Change(AppType.CUSTOM_INVOICING, "ERP",
                null, null, null, null), NOW));
        assertEquals(List.of("enableDraftSyncHook", "enableIssuingSyncHook"), missing.errors().stream().map(FieldError::field).toList());
        ValidationException retyped = assertThrows(ValidationException.class, () -> custom.replace(new App.Change(AppType.SANDBOX, "ERP",
                null, null, null, null), NOW));
        assertEquals("type", retyped.errors().get(0).field());

        App sandbox = App.install(UUID.randomUUID(), Marketplace.SANDBOX, null, NOW);
        assertFalse(sandbox.replace(new App.Change(AppType.SANDBOX, "S", null, null, true, true), NOW).enableDraftSyncHook(),
                "only custom invoicing has hooks");
        App gone = sandbox.uninstalled(NOW);
        assertFalse(gone.installed());
        assertEquals(NOW, gone.deletedAt());
    }

    @Test
    void customerDataKeepsMetadataForCustomInvoicingOnly() {
        CustomerAppData sandbox = new CustomerAppData(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AppType.SANDBOX, null, NOW, NOW);
        assertNull(sandbox.replacedBy(Map.of("x", "y"), NOW).metadata());
        CustomerAppData custom = new CustomerAppData(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AppType.CUSTOM_INVOICING, null, NOW, NOW);
        CustomerAppData replaced = custom.replacedBy(Map.of("externalId", "C-1"), NOW.plusSeconds(9));
        assertEquals(Map.of("externalId", "C-1"), replaced.metadata());
        assertEquals(NOW, replaced.createdAt());
    }
}
