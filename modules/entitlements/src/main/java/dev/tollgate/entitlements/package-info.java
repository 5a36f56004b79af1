/**
 * Entitlements: boolean, static and metered entitlements, grants, balances, resets, checks, provisioning lifecycle, usage recording.
 *
 * <p>Other modules may use only {@code dev.tollgate.entitlements.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.entitlements;
