package dev.tollgate.billing.domain.profile;

import java.util.List;
import java.util.UUID;

/** The apps a profile's invoices use: which calculates tax, which issues the invoice, which collects payment. Fixed at creation. */
public record ProfileApps(UUID tax, UUID invoicing, UUID payment) {
    public static ProfileApps all(UUID app) {
        return new ProfileApps(app, app, app);
    }

    public boolean uses(UUID app) {
        return tax.equals(app) || invoicing.equals(app) || payment.equals(app);
    }

    public List<UUID> distinct() {
        return List.of(tax, invoicing, payment).stream().distinct().toList();
    }
}
