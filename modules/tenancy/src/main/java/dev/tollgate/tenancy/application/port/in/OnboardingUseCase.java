package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Consent;
import dev.tollgate.tenancy.domain.Onboarding;

/** PgBeam's onboarding checklist of an organization, and the consents the dashboard records at sign-up. */
public interface OnboardingUseCase {
    /** The checklist with every step Tollgate has seen happen (any member may read it). */
    Onboarding progress(Caller caller, String organizationIdOrSlug);

    /** Marks {@code step} done and/or sets whether the checklist is dismissed; at least one of them must be given. */
    Onboarding update(Caller caller, String organizationIdOrSlug, String step, Boolean dismiss);

    /** The operator (the dashboard's back end, with the internal secret) records a user's acceptance of a legal document. */
    Consent recordConsent(Caller caller, String userId, String documentType, String documentVersion, String ipAddress);
}
