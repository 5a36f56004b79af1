package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PlanetScale's {@code listClusterSizes} against planetscale-platform.yaml: Tollgate's PostgreSQL sizes (ADR 0055). */
@MicronautTest(transactional = false)
class PlanetScaleClusterSizesContractTest extends HttpTest {
    static String path(String organization) {
        return "/v1/organizations/" + organization + "/cluster-size-skus";
    }

    @Test
    void anOrganizationSeesThePostgresSizesSmallestFirst() {
        Account owner = Accounts.signUp(http, "Sizes");
        JsonNode sizes = http.get(path(owner.orgSlug()), owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        List<String> slugs = new ArrayList<>();
        double previous = 0;
        for (JsonNode size : sizes) {
            slugs.add(size.get("slug").asText());
            assertEquals("postgres", size.get("engine").asText());
            assertTrue(size.get("vcpus").asDouble() > previous, "smallest first");
            previous = size.get("vcpus").asDouble();
            assertTrue(size.get("memory_gb").asDouble() > 0 && size.get("storage_gb").asDouble() > 0);
            assertTrue(!size.get("display_name").asText().isBlank());
        }
        assertEquals(List.of("PG_NANO", "PG_SMALL", "PG_MEDIUM", "PG_LARGE", "PG_XLARGE"), slugs);
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationIsNotFound() {
        Account owner = Accounts.signUp(http, "SizesOwner");
        Account stranger = Accounts.signUp(http, "SizesStranger");
        http.get(path(owner.orgSlug())).expect(401).conformsTo(PLANETSCALE);
        http.get(path("no-such-organization")).expect(401).conformsTo(PLANETSCALE);
        http.get(path(owner.orgSlug()), stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(path("no-such-organization"), owner.auth()).expect(404).conformsTo(PLANETSCALE);
    }
}
