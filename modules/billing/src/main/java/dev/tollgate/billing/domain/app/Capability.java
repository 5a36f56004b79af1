package dev.tollgate.billing.domain.app;

/**
 * One thing an app does for billing (OpenMeter's AppCapability): {@code type} is an AppCapabilityType
 * ({@code calculateTax}, {@code invoiceCustomers}, {@code collectPayments}, ...), {@code key} the app's own name for it.
 */
public record Capability(String type, String key, String name, String description) {
}
