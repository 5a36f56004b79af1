package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.profile.Party;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** OpenMeter's billing profiles. Ids that are not ULIDs name nothing (not found). */
public interface ManageBillingProfilesUseCase {
    /** What a create or replace states; the workflow's missing settings take OpenMeter's defaults. */
    record ProfileInput(String name, String description, Map<String, String> metadata, Party supplier, Workflow.Draft workflow, boolean isDefault) {
    }

    /** The apps of a new profile as the request names them (ULIDs of installed apps). */
    record AppChoice(String tax, String invoicing, String payment) {
    }

    /** {@code orderBy}: createdAt (default), updatedAt, default, name. */
    Page<ProfileWithApps> list(Caller caller, boolean includeArchived, String orderBy, boolean descending, PageRequest page);

    /** With {@code default} true the new profile becomes the namespace's default in the same transaction. */
    ProfileWithApps create(Caller caller, ProfileInput input, AppChoice apps);

    ProfileWithApps get(Caller caller, String id);

    /** Replaces everything but the apps; the only default cannot stop being it ({@code default_profile_cannot_be_unset}). */
    ProfileWithApps update(Caller caller, String id, ProfileInput input);

    /** Refused for the default ({@code default_profile_cannot_be_deleted}) and a profile customers are pinned to ({@code profile_referenced}). */
    void delete(Caller caller, String id);
}
