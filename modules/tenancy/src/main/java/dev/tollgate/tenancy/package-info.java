/**
 * Tenancy: users, login sessions and JWTs, organizations (= workspaces) and their lifecycle, members and roles, teams, API keys and PlanetScale service tokens.
 *
 * <p>Other modules may use only {@code dev.tollgate.tenancy.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.tenancy;
