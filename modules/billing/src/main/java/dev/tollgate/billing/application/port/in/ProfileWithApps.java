package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.profile.BillingProfile;

/** A profile with the apps it names, for views that expand them (OpenMeter's {@code expand=apps}). */
public record ProfileWithApps(BillingProfile profile, App tax, App invoicing, App payment) {
}
