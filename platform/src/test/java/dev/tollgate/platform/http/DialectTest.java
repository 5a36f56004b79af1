package dev.tollgate.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectTest {
    @ParameterizedTest
    @CsvSource({
            "/workspace/api/v1/acme, CENTRALI",
            "/api/workspaces/3, PHP_TENANT",
            "/api/v1/workspaces, PHP_TENANT",
            "/api/v1/entitlements/check, PHP_TENANT",
            "/api/provisioning/entitlements, PHP_TENANT",
            "/api/v1/entitlements, OPENMETER",
            "/api/v1/meters, OPENMETER",
            "/v1/organizations, PLANETSCALE",
            "/v1/organizations/acme/teams, PLANETSCALE",
            "/v1/organizations/org_x/spend-limit, PGBEAM",
            "/v1/organizations/org_x/usage, PGBEAM",
            "/v1/projects, PGBEAM",
            "/v1/health, PGBEAM",
            "/v1/auth/login, PGBEAM"})
    void isDecidedByThePathAlone(String path, Dialect expected) {
        assertEquals(expected, Dialect.of(path));
    }
}
