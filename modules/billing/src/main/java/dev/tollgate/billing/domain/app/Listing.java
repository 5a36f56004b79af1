package dev.tollgate.billing.domain.app;

import java.util.List;

/** An app the marketplace offers (OpenMeter's MarketplaceListing): its capabilities and how it is installed. */
public record Listing(AppType type, String name, String description, List<Capability> capabilities, List<InstallMethod> installMethods) {
    public Listing {
        capabilities = List.copyOf(capabilities);
        installMethods = List.copyOf(installMethods);
    }

    /** Installs without credentials: sandbox and custom invoicing; Stripe needs an API key. */
    public boolean installsWithoutCredentials() {
        return installMethods.contains(InstallMethod.NO_CREDENTIALS_REQUIRED);
    }

    public List<String> capabilityTypes() {
        return capabilities.stream().map(Capability::type).toList();
    }

    public enum InstallMethod {
        WITH_OAUTH2("with_oauth2"), WITH_API_KEY("with_api_key"), NO_CREDENTIALS_REQUIRED("no_credentials_required");

        private final String wire;

        InstallMethod(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
