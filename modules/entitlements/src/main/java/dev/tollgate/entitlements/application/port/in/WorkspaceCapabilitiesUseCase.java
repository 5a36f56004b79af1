package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** What a workspace (organization) may use now, from its entitlements in the system namespace. */
public interface WorkspaceCapabilitiesUseCase {
    /** Needs read access to the workspace; unknown or foreign workspaces are not found. */
    Capabilities capabilitiesOf(Caller caller, String workspaceSlug);

    /** The tier and, per feature key with a live entitlement, whether it grants access now and its configuration. */
    record Capabilities(String plan, Map<String, Access> features) {
    }

    record Access(boolean enabled, String config) {
    }
}
