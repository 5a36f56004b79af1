package dev.tollgate.entitlements.adapters.out.config;

import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

@Singleton
final class ConfiguredMarketplaceSettings implements MarketplaceSettings {
    private final String vercelProduct;

    ConfiguredMarketplaceSettings(@Value("${tollgate.marketplace.vercel.product:tollgate}") String vercelProduct) {
        this.vercelProduct = vercelProduct.strip();
    }

    @Override
    public String vercelProduct() {
        return vercelProduct;
    }
}
