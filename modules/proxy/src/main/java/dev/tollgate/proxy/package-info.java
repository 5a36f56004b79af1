/**
 * The PostgreSQL data plane and its control plane: projects, databases, replicas, credentials, pools, domains, cache rules, insights and metrics.
 *
 * <p>Other modules may use only {@code dev.tollgate.proxy.api} (and {@code api.events}); see docs/architecture.md.
 */
package dev.tollgate.proxy;
