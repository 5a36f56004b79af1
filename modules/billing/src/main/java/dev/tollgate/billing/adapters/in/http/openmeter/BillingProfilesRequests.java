package dev.tollgate.billing.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.billing.application.port.in.ManageBillingProfilesUseCase.AppChoice;
import dev.tollgate.billing.application.port.in.ManageBillingProfilesUseCase.ProfileInput;
import dev.tollgate.billing.domain.profile.Party;
import dev.tollgate.billing.domain.profile.TaxConfig;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of billing profile requests (BillingProfileCreate, BillingProfileReplaceUpdateWithWorkflow) and the
 * {@code expand} parameter profiles and overrides share. Workflow settings left out take OpenMeter's defaults.
 */
final class BillingProfilesRequests {
    private BillingProfilesRequests() {
    }

    @Serdeable
    record TaxIdBody(@Nullable String code) {
    }

    @Serdeable
    record AddressBody(@Nullable String country, @Nullable String postalCode, @Nullable String state, @Nullable String city,
                       @Nullable String line1, @Nullable String line2, @Nullable String phoneNumber) {
    }

    /** BillingParty; its read-only {@code id} is accepted and ignored. */
    @Serdeable
    record PartyBody(@Nullable String id, @Nullable String key, @Nullable String name, @Nullable TaxIdBody taxId,
                     @Nullable List<AddressBody> addresses) {
        Party party() {
            List<Party.Address> parsed = new java.util.ArrayList<>();
            for (int i = 0; addresses != null && i < addresses.size(); i++) {
                AddressBody a = addresses.get(i);
                if (a == null) {
                    throw new ValidationException("supplier/addresses/" + i, "must be an address object, not null");
                }
                parsed.add(new Party.Address(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber()));
            }
            return new Party(key, name, taxId == null ? null : taxId.code(), parsed);
        }
    }

    @Serdeable
    record RecurringPeriodBody(@Nullable String interval, @Nullable Instant anchor) {
    }

    @Serdeable
    record AlignmentBody(String type, @Nullable RecurringPeriodBody recurringPeriod) {
    }

    @Serdeable
    record CollectionBody(@Nullable AlignmentBody alignment, @Nullable String interval) {
    }

    @Serdeable
    record CodeBody(@Nullable String code) {
    }

    @Serdeable
    record TaxConfigBody(@Nullable String behavior, @Nullable CodeBody stripe, @Nullable CodeBody customInvoicing) {
        TaxConfig config() {
            return new TaxConfig(behavior, stripe == null ? null : stripe.code(), customInvoicing != null,
                    customInvoicing == null ? null : customInvoicing.code());
        }
    }

    @Serdeable
    record InvoicingBody(@Nullable Boolean autoAdvance, @Nullable String draftPeriod, @Nullable String dueAfter,
                         @Nullable Boolean progressiveBilling, @Nullable TaxConfigBody defaultTaxConfig) {
    }

    @Serdeable
    record PaymentBody(@Nullable String collectionMethod) {
    }

    @Serdeable
    record TaxBody(@Nullable Boolean enabled, @Nullable Boolean enforced) {
    }

    @Serdeable
    record WorkflowBody(@Nullable CollectionBody collection, @Nullable InvoicingBody invoicing, @Nullable PaymentBody payment,
                        @Nullable TaxBody tax) {
        Workflow.Draft draft() {
            AlignmentBody alignment = collection == null ? null : collection.alignment();
            if (alignment != null && alignment.type() == null) {
                throw new ValidationException("workflow/collection/alignment/type", "is required: subscription or anchored");
            }
            RecurringPeriodBody period = alignment == null ? null : alignment.recurringPeriod();
            return new Workflow.Draft(alignment == null ? null : alignment.type(), period != null, period == null ? null : period.interval(),
                    period == null ? null : period.anchor(), collection == null ? null : collection.interval(),
                    invoicing == null ? null : invoicing.autoAdvance(), invoicing == null ? null : invoicing.draftPeriod(),
                    invoicing == null ? null : invoicing.dueAfter(), invoicing == null ? null : invoicing.progressiveBilling(),
                    invoicing == null || invoicing.defaultTaxConfig() == null ? null : invoicing.defaultTaxConfig().config(),
                    payment == null ? null : payment.collectionMethod(), tax == null ? null : tax.enabled(), tax == null ? null : tax.enforced());
        }
    }

    @Serdeable
    record AppsBody(String tax, String invoicing, String payment) {
    }

    @Serdeable
    record ProfileCreateBody(String name, @Nullable String description, @Nullable Map<String, String> metadata, PartyBody supplier,
                             @JsonProperty("default") boolean isDefault, WorkflowBody workflow, AppsBody apps) {
        ProfileInput input() {
            requirePresent(supplier, workflow, apps);
            return new ProfileInput(name, description, metadata, supplier.party(), workflow.draft(), isDefault);
        }

        AppChoice choice() {
            return new AppChoice(apps.tax(), apps.invoicing(), apps.payment());
        }
    }

    @Serdeable
    record ProfileUpdateBody(String name, @Nullable String description, @Nullable Map<String, String> metadata, PartyBody supplier,
                             @JsonProperty("default") boolean isDefault, WorkflowBody workflow) {
        ProfileInput input() {
            requirePresent(supplier, workflow, new AppsBody(null, null, null));
            return new ProfileInput(name, description, metadata, supplier.party(), workflow.draft(), isDefault);
        }
    }

    /** Serde leaves a missing object null; the document requires these three (apps on create only). */
    private static void requirePresent(PartyBody supplier, WorkflowBody workflow, AppsBody apps) {
        List<FieldError> missing = new java.util.ArrayList<>();
        if (supplier == null) {
            missing.add(new FieldError("supplier", "is required"));
        }
        if (workflow == null) {
            missing.add(new FieldError("workflow", "is required; {} takes every default"));
        }
        if (apps == null) {
            missing.add(new FieldError("apps", "is required: the tax, invoicing and payment app ids"));
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
    }

    /** The {@code expand} values asked for, each one of {@code allowed}. */
    static Set<String> expansions(@Nullable List<String> expand, Set<String> allowed) {
        for (String part : expand == null ? List.<String>of() : expand) {
            if (!allowed.contains(part)) {
                throw new ValidationException("expand", "must be one of " + allowed.stream().sorted().toList() + ", not '" + part + "'");
            }
        }
        return expand == null ? Set.of() : Set.copyOf(expand);
    }
}
