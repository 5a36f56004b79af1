package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * php-tenant's provisioning, cross-app and summary routes (ADR 0014), validated against php-tenant.yaml: a billing
 * partner provisions Tollgate tiers into people's workspaces; other applications check and record metered usage.
 */
@MicronautTest(transactional = false)
class PhpTenantEntitlementsContractTest extends HttpTest {
    static final String SECRET = "php-tenant-entitlements-secret";
    static final String PARTNER_SLUG = "blesta-partner";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    String[] partner;
    @Inject
    Environment environment;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    @BeforeAll
    void partnerAndMeteredFeature() {
        String token = http.post("/v1/auth/signup", """
                {"email":"billing-%s@example.com","password":"correct horse battery","organization_slug":"%s"}"""
                .formatted(UUID.randomUUID(), PARTNER_SLUG)).expect(201).json().get("access_token").asText();
        String orgId = http.get("/v1/organizations/" + PARTNER_SLUG, "Authorization", "Bearer " + token).expect(200).json().get("id").asText();
        String key = http.post("/v1/api-keys", """
                {"org_id":"%s","name":"blesta","scopes":["entitlements.write","entitlements.read","usage.write"]}""".formatted(orgId),
                "Authorization", "Bearer " + token).expect(201).json().get("key").asText();
        partner = new String[] {"Authorization", "Bearer " + key};
        // Partners are named by organization id, known only now: the setting is read on use, so it applies at once.
        environment.addPropertySource(PropertySource.of("test-partners", Map.of("tollgate.provisioning.partners", "org_notanid, " + orgId)));
        http.post("/api/v1/meters", """
                {"slug":"social_posts","aggregation":"SUM","eventType":"social_post","valueProperty":"$.posts","groupBy":{"platform":"$.platform"}}""",
                OPERATOR).expect(201);
        http.post("/api/v1/features", """
                {"key":"scheduled_posts","name":"Scheduled posts","meterSlug":"social_posts","metadata":{"category":"social"}}""", OPERATOR)
                .expect(201).conformsTo(OPENMETER);
    }

    @Test
    void aPackageMovesThroughItsLifecycleAndItsLimitsFollow() {
        Account jane = Accounts.signUp(http, "Jane");
        JsonNode created = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Jane","product_code":"pro","billing_cycle_anchor":"2026-11-01T00:00:00Z","blesta_service_id":"svc-%s"}"""
                .formatted(jane.email(), jane.orgSlug()), partner).expect(201).conformsTo(PHP_TENANT).json();
        long id = created.get("entitlement_id").asLong();
        assertEquals(jane.orgNumber(), created.get("workspace_id").asLong(), "an existing user's current workspace gets the package");
        assertEquals(jane.orgSlug(), created.get("workspace_slug").asText());
        assertEquals("pro", created.get("package").asText());
        assertEquals("active", created.get("status").asText());
        assertTrue(created.get("success").asBoolean());
        assertEquals(5, check(jane, "max_projects").get("limit").asInt(), "pro's project limit is in force");
        // Tollgate counts what is used of its own static limits: projects, and seats.
        http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"pw",
                 "ssl_mode":"disable"}}""".formatted(jane.orgId(), dev.tollgate.testing.UpstreamPostgres.get().getPort()), jane.auth())
                .expect(201);
        JsonNode projects = check(jane, "max_projects");
        assertEquals(1, projects.get("used").asInt());
        assertEquals(4, projects.get("remaining").asInt());
        assertEquals(20.0, projects.get("usage_percentage").asDouble());
        assertEquals(1, check(jane, "included_seats").get("used").asInt());

        // A retry of the same service provisions nothing twice; the same service with another package is a conflict.
        JsonNode again = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Jane","product_code":"pro","blesta_service_id":"svc-%s"}""".formatted(jane.email(), jane.orgSlug()), partner)
                .expect(201).conformsTo(PHP_TENANT).json();
        assertEquals(id, again.get("entitlement_id").asLong());
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Jane","product_code":"scale","blesta_service_id":"svc-%s"}""".formatted(jane.email(), jane.orgSlug()), partner)
                .expect(409).conformsTo(PHP_TENANT);

        JsonNode detail = http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json().get("entitlement");
        assertEquals(id, detail.get("id").asLong());
        assertEquals(jane.orgNumber(), detail.get("workspace_id").asLong());
        assertEquals(jane.orgSlug(), detail.get("workspace_slug").asText());
        assertEquals("active", detail.get("status").asText());
        assertEquals("svc-" + jane.orgSlug(), detail.get("blesta_service_id").asText());
        assertEquals("pro", detail.get("package_code").asText());
        assertEquals("Pro", detail.get("package_name").asText());
        assertEquals("2026-11-01T00:00:00Z", detail.get("billing_cycle_anchor").asText());
        assertTrue(detail.get("expires_at").isNull());

        JsonNode suspended = http.post("/api/provisioning/entitlements/" + id + "/suspend", "{\"reason\":\"Non-payment\"}", partner)
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("suspended", suspended.get("status").asText());
        assertEquals(id, suspended.get("entitlement_id").asLong());
        assertTrue(suspended.get("success").asBoolean());
        JsonNode whileSuspended = check(jane, "max_projects");
        assertFalse(whileSuspended.get("allowed").asBoolean(), "a suspended package grants nothing");
        assertEquals("suspended", http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json()
                .get("entitlement").get("status").asText(), "the suspension is stored, not only answered");
        assertEquals("suspended", http.post("/api/provisioning/entitlements/" + id + "/suspend", null, partner).expect(200).conformsTo(PHP_TENANT)
                .json().get("status").asText(), "suspending again changes nothing");
        JsonNode unsuspended = http.post("/api/provisioning/entitlements/" + id + "/unsuspend", null, partner).expect(200).conformsTo(PHP_TENANT)
                .json();
        assertEquals("active", unsuspended.get("status").asText());
        assertEquals(id, unsuspended.get("entitlement_id").asLong());
        assertEquals(5, check(jane, "max_projects").get("limit").asInt());

        // A cycle-bound boost lasts until the package renews.
        String daily = http.get("/api/v2/customers/" + jane.orgId() + "/entitlements/queries_per_day", OPERATOR).expect(200).json().get("id").asText();
        http.post("/api/v2/customers/" + jane.orgId() + "/entitlements/" + daily + "/grants", """
                {"amount":5,"effectiveAt":"%s","expiration":{"duration":"DAY","count":30},"metadata":{"cycle_bound":"true"}}"""
                .formatted(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)), OPERATOR).expect(201);
        assertEquals(5_000_005, check(jane, "queries_per_day").get("limit").asLong());
        assertEquals(1, http.get("/api/entitlements/summary", jane.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("boosts").size());

        JsonNode renewed = http.post("/api/provisioning/entitlements/" + id + "/renew", "{\"expires_at\":\"2099-12-01T00:00:00Z\"}", partner)
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("2099-12-01T00:00:00Z", renewed.get("expires_at").asText());
        assertEquals(id, renewed.get("entitlement_id").asLong());
        assertEquals("active", renewed.get("status").asText());
        assertEquals("2099-12-01T00:00:00Z", http.get("/api/provisioning/entitlements/" + id, partner).expect(200).json().get("entitlement")
                .get("expires_at").asText(), "the new expiry is stored");
        assertEquals(5_000_000, check(jane, "queries_per_day").get("limit").asLong(), "renewal ends cycle-bound boosts");
        JsonNode summary = http.get("/api/entitlements/summary", jane.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(0, summary.get("boosts").size());
        assertEquals("pro", summary.get("packages").get(0).get("code").asText());
        assertEquals("active", summary.get("packages").get(0).get("status").asText());
        assertEquals("2099-12-01T00:00:00Z", summary.get("packages").get(0).get("expires_at").asText());
        JsonNode past = http.post("/api/provisioning/entitlements/" + id + "/renew", "{\"expires_at\":\"2001-01-01T00:00:00Z\"}", partner)
                .expect(422).conformsTo(PHP_TENANT).json();
        assertEquals(List.of("expires_at"), fieldNames(past.get("errors")), "the past expiry is what is refused");

        JsonNode cancelled = http.post("/api/provisioning/entitlements/" + id + "/cancel", "{\"reason\":\"Customer request\"}", partner)
                .expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals(id, cancelled.get("entitlement_id").asLong());
        assertEquals("cancelled", http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json()
                .get("entitlement").get("status").asText());
        // A cancelled package leaves the workspace on the initial tier, and the partner without a customer there.
        String[] janesOwnKey = {"Authorization", "Bearer " + Accounts.apiKey(http, jane, "entitlements.read")};
        assertEquals(1, http.get("/api/v1/entitlements/check?feature=max_projects&email=" + jane.email(), janesOwnKey).expect(200)
                .json().get("limit").asInt());
        JsonNode gone = http.get("/api/v1/entitlements/check?feature=max_projects&email=" + jane.email(), partner).expect(404)
                .conformsTo(PHP_TENANT).json();
        assertFalse(gone.get("allowed").asBoolean());
        assertEquals("max_projects", gone.get("feature_code").asText());
        http.post("/api/provisioning/entitlements/" + id + "/unsuspend", null, partner).expect(409).conformsTo(PHP_TENANT);
        http.post("/api/provisioning/entitlements/" + id + "/renew", null, partner).expect(409).conformsTo(PHP_TENANT);
    }

    @Test
    void provisioningANewPersonCreatesTheUserAndAWorkspace() {
        String email = "new-" + UUID.randomUUID() + "@example.com";
        JsonNode created = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"New Person","product_code":"scale","expires_at":"2099-01-01T00:00:00Z"}""".formatted(email), partner)
                .expect(201).conformsTo(PHP_TENANT).json();
        assertTrue(created.get("workspace_slug").asText().startsWith("new-person"));
        assertEquals("scale", created.get("package").asText());
        assertEquals("active", created.get("status").asText());
        long id = created.get("entitlement_id").asLong();
        JsonNode detail = http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json().get("entitlement");
        assertEquals(created.get("workspace_id").asLong(), detail.get("workspace_id").asLong());
        assertEquals("2099-01-01T00:00:00Z", detail.get("expires_at").asText());
        // A second package for the same person replaces the first in their workspace: a workspace holds one tier.
        JsonNode second = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"New Person","product_code":"pro"}""".formatted(email.toUpperCase()), partner)
                .expect(201).conformsTo(PHP_TENANT).json();
        assertEquals(created.get("workspace_id").asLong(), second.get("workspace_id").asLong());
        assertEquals("pro", second.get("package").asText());
        assertTrue(id != second.get("entitlement_id").asLong(), "another package is another entitlement");
        assertEquals("cancelled", http.get("/api/provisioning/entitlements/" + id, partner).expect(200).json().get("entitlement").get("status").asText());
    }

    @Test
    void badRequestsUnknownPackagesAndStrangersAreRefused() {
        JsonNode invalid = http.post("/api/provisioning/entitlements", "{\"email\":\"not-an-email\",\"expires_at\":\"soon\"}", partner)
                .expect(422).conformsTo(PHP_TENANT).json().get("errors");
        assertEquals("The email field must be a valid email address.", invalid.get("email").get(0).asText());
        assertEquals("The product code field is required.", invalid.get("product_code").get(0).asText());
        assertEquals(List.of("email", "expires_at", "name", "product_code"), fieldNames(invalid));

        JsonNode unknown = http.post("/api/provisioning/entitlements", """
                {"email":"x-%s@example.com","name":"X","product_code":"platinum"}""".formatted(UUID.randomUUID()), partner)
                .expect(404).conformsTo(PHP_TENANT).json();
        assertEquals("Package not found.", unknown.get("error").asText());
        assertFalse(unknown.get("success").asBoolean());
        JsonNode missing = http.get("/api/provisioning/entitlements/999999", partner).expect(404).conformsTo(PHP_TENANT).json();
        assertFalse(missing.get("success").asBoolean());
        assertFalse(http.get("/api/provisioning/entitlements/abc", partner).expect(404).conformsTo(PHP_TENANT).json().get("success").asBoolean());
        http.post("/api/provisioning/entitlements", "{\"email\":\"a\\u0000b@example.com\",\"name\":\"N\\u0000\",\"product_code\":\"pro\"}", partner)
                .expect(422).conformsTo(PHP_TENANT);

        // Not a partner: an ordinary organization's key, even with the scope.
        Account mallory = Accounts.signUp(http, "Mallory");
        String[] ordinary = {"Authorization", "Bearer " + Accounts.apiKey(http, mallory, "entitlements.write")};
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"M","product_code":"enterprise"}""".formatted(mallory.email()), ordinary).expect(403).conformsTo(PHP_TENANT);
        // (createEntitlement documents no 401; the body is php-tenant's documented 401 shape, which ApiContract's fallback
        // to ValidationErrorBody does not accept, so it is checked by value here)
        assertEquals("Unauthenticated", http.post("/api/provisioning/entitlements", "{}").expect(401).json().get("error").asText());

        // A package the operator provisioned is not the partner's to see.
        long operators = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"M","product_code":"pro"}""".formatted(mallory.email()), OPERATOR).expect(201).json()
                .get("entitlement_id").asLong();
        http.get("/api/provisioning/entitlements/" + operators, partner).expect(404).conformsTo(PHP_TENANT);
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"M","product_code":"scale"}""".formatted(mallory.email()), partner).expect(409).conformsTo(PHP_TENANT);
        http.get("/api/provisioning/entitlements/" + operators, OPERATOR).expect(200).conformsTo(PHP_TENANT);
    }

    @Test
    void usageIsCheckedRecordedAndSummarized() {
        Account sam = Accounts.signUp(http, "Sam");
        // The partner reaches only workspaces that hold one of its packages.
        http.get("/api/v1/entitlements/check?feature=max_projects&email=" + sam.email(), partner).expect(404).conformsTo(PHP_TENANT);
        provision(sam, "pro");
        http.post("/api/v2/customers/" + sam.orgId() + "/entitlements", """
                {"type":"metered","featureKey":"scheduled_posts","usagePeriod":{"interval":"P1M"},"issue":{"amount":10}}""", OPERATOR)
                .expect(201).conformsTo(OPENMETER);

        JsonNode fresh = check(sam, "scheduled_posts");
        assertEquals(10, fresh.get("limit").asInt());
        assertEquals(0, fresh.get("used").asInt());
        JsonNode recorded = http.post("/api/v1/entitlements/usage", """
                {"email":"%s","feature":"scheduled_posts","quantity":3,"metadata":{"platform":"twitter","post_id":"abc123"}}""".formatted(sam.email()),
                partner).expect(201).conformsTo(PHP_TENANT).json();
        assertEquals(3, recorded.get("quantity").asInt());
        assertEquals("scheduled_posts", recorded.get("feature_code").asText());
        assertTrue(recorded.get("success").asBoolean());
        assertTrue(recorded.get("usage_record_id").isIntegralNumber(), recorded.toString());
        JsonNode after = check(sam, "scheduled_posts");
        assertEquals(3, after.get("used").asInt());
        assertEquals(7, after.get("remaining").asInt());
        assertEquals(30.0, after.get("usage_percentage").asDouble());
        assertFalse(after.get("unlimited").asBoolean());
        assertEquals(sam.orgNumber(), after.get("workspace_id").asLong());
        assertFalse(http.get("/api/v1/entitlements/check?feature=scheduled_posts&quantity=8&email=" + sam.email(), partner).expect(200)
                .json().get("allowed").asBoolean(), "8 more would pass the limit of 10");

        JsonNode refused = http.post("/api/v1/entitlements/usage", """
                {"email":"%s","feature":"scheduled_posts","quantity":8}""".formatted(sam.email()), partner).expect(422).conformsTo(PHP_TENANT).json();
        assertEquals("The quantity 8 of 'scheduled_posts' for workspace " + sam.orgNumber()
                + " would pass its limit: the limit is 10 and 3 are used.", refused.get("errors").get("quantity").get(0).asText());
        http.post("/api/v1/entitlements/usage", "{\"email\":\"%s\",\"feature\":\"max_projects\"}".formatted(sam.email()), partner).expect(422)
                .conformsTo(PHP_TENANT);
        http.post("/api/v1/entitlements/usage", "{\"email\":\"%s\",\"feature\":\"no_such_feature\"}".formatted(sam.email()), partner).expect(422)
                .conformsTo(PHP_TENANT);
        http.post("/api/v1/entitlements/usage", "{\"feature\":\"scheduled_posts\",\"quantity\":0}", partner).expect(422).conformsTo(PHP_TENANT);
        http.post("/api/v1/entitlements/usage", """
                {"email":"%s","feature":"queries_per_day"}""".formatted(sam.email()), partner).expect(422).conformsTo(PHP_TENANT);
        http.post("/api/v1/entitlements/usage", """
                {"email":"%s","feature":"scheduled_posts","metadata":{"x":"a\\u0000"}}""".formatted(sam.email()), partner).expect(422)
                .conformsTo(PHP_TENANT);
        assertFalse(http.get("/api/v1/entitlements/check?feature=scheduled_posts&quantity=9223372036854775807&email=" + sam.email(), partner)
                .expect(200).json().get("allowed").asBoolean(), "a huge quantity does not overflow into allowed");
        JsonNode nobody = http.post("/api/v1/entitlements/usage", "{\"email\":\"nobody@example.com\",\"feature\":\"scheduled_posts\"}", partner)
                .expect(404).conformsTo(PHP_TENANT).json();
        assertFalse(nobody.get("success").asBoolean());

        // The organization's own key sees its members, and nobody else.
        String[] own = {"Authorization", "Bearer " + Accounts.apiKey(http, sam, "entitlements.read")};
        assertEquals(3, http.get("/api/v1/entitlements/check?feature=scheduled_posts&email=" + sam.email(), own).expect(200)
                .conformsTo(PHP_TENANT).json().get("used").asInt());
        Account stranger = Accounts.signUp(http, "Stranger");
        JsonNode notFound = http.get("/api/v1/entitlements/check?feature=scheduled_posts&email=" + stranger.email(), own).expect(404)
                .conformsTo(PHP_TENANT).json();
        assertEquals("scheduled_posts", notFound.get("feature_code").asText());
        http.post("/api/v1/entitlements/usage", "{\"email\":\"%s\",\"feature\":\"scheduled_posts\"}".formatted(sam.email()), own).expect(403)
                .conformsTo(PHP_TENANT);
        http.get("/api/v1/entitlements/check?feature=scheduled_posts&quantity=0", own).expect(422).conformsTo(PHP_TENANT);

        // A boost: an extra grant, cycle-bound, shows in the summary.
        String entitlementId = http.get("/api/v2/customers/" + sam.orgId() + "/entitlements/scheduled_posts", OPERATOR).expect(200).json()
                .get("id").asText();
        http.post("/api/v2/customers/" + sam.orgId() + "/entitlements/" + entitlementId + "/grants", """
                {"amount":5,"effectiveAt":"%s","expiration":{"duration":"YEAR","count":10},"metadata":{"cycle_bound":"true"}}"""
                .formatted(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)), OPERATOR).expect(201);
        assertEquals(15, check(sam, "scheduled_posts").get("limit").asInt());

        JsonNode summary = http.get("/api/entitlements/summary", sam.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(sam.orgNumber(), summary.get("workspace_id").asLong());
        JsonNode social = summary.get("features").get("social").get(0);
        assertEquals("scheduled_posts", social.get("code").asText());
        assertEquals(3, social.get("used").asInt());
        assertEquals(1, summary.get("boosts").size());
        assertEquals(5, summary.get("boosts").get(0).get("value").asInt());
        assertTrue(summary.get("features").has("general"), "the tier's own limits are listed too");
        http.get("/api/entitlements/summary/" + sam.orgNumber(), sam.cookie()).expect(200).conformsTo(PHP_TENANT);
        http.get("/api/entitlements/summary/" + stranger.orgNumber(), sam.cookie()).expect(404).conformsTo(PHP_TENANT);
        http.get("/api/entitlements/summary", "Authorization", "Bearer " + Accounts.apiKey(http, sam, "events.write")).expect(403)
                .conformsTo(PHP_TENANT);
        http.get("/api/entitlements/summary", own).expect(200).conformsTo(PHP_TENANT);
    }

    @Test
    void anAddOnStacksOnTheTierAndFollowsItsOwnLifecycle() {
        http.post("/api/v1/features", "{\"key\":\"priority_support\",\"name\":\"Priority support\"}", OPERATOR).expect(201);
        String addonId = http.post("/api/v1/addons", """
                {"key":"social_boost","name":"Social boost","instanceType":"single","currency":"USD","rateCards":[
                  {"type":"flat_fee","key":"scheduled_posts","name":"More posts","featureKey":"scheduled_posts","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"5"},"entitlementTemplate":{"type":"metered","issueAfterReset":50,"usagePeriod":"P1M"}},
                  {"type":"flat_fee","key":"priority_support","name":"Priority support","featureKey":"priority_support","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"1"},"entitlementTemplate":{"type":"boolean"}}]}""", OPERATOR).expect(201).json().get("id").asText();
        http.post("/api/v1/addons/" + addonId + "/publish", "", OPERATOR).expect(200);

        // A workspace without the feature gets it from the add-on.
        Account ann = Accounts.signUp(http, "Ann");
        provision(ann, "pro");
        JsonNode created = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Ann","product_code":"social_boost"}""".formatted(ann.email()), partner).expect(201).conformsTo(PHP_TENANT).json();
        assertEquals("social_boost", created.get("package").asText());
        assertEquals(50, check(ann, "scheduled_posts").get("limit").asInt());
        assertTrue(check(ann, "priority_support").get("allowed").asBoolean());
        // A new tier keeps the add-on on top.
        provision(ann, "scale");
        assertEquals(50, check(ann, "scheduled_posts").get("limit").asInt());
        assertEquals(20, check(ann, "max_projects").get("limit").asInt());

        // A workspace with the metered feature gets the add-on's allowance on top of its own.
        Account bea = Accounts.signUp(http, "Bea");
        provision(bea, "pro");
        http.post("/api/v2/customers/" + bea.orgId() + "/entitlements", """
                {"type":"metered","featureKey":"scheduled_posts","usagePeriod":{"interval":"P1M"},"issue":{"amount":10}}""", OPERATOR).expect(201);
        long id = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Bea","product_code":"social_boost"}""".formatted(bea.email()), partner).expect(201).json()
                .get("entitlement_id").asLong();
        assertEquals(60, check(bea, "scheduled_posts").get("limit").asInt());
        http.post("/api/provisioning/entitlements/" + id + "/suspend", null, partner).expect(200);
        assertEquals(10, check(bea, "scheduled_posts").get("limit").asInt(), "a suspended add-on adds nothing");
        assertFalse(check(bea, "priority_support").get("allowed").asBoolean());
        http.post("/api/provisioning/entitlements/" + id + "/unsuspend", null, partner).expect(200);
        assertEquals(60, check(bea, "scheduled_posts").get("limit").asInt());
        JsonNode summary = http.get("/api/entitlements/summary", bea.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals(2, summary.get("packages").size(), "the tier and the add-on");
        assertEquals(0, summary.get("boosts").size(), "a package's allowance is not a boost");
        http.post("/api/provisioning/entitlements/" + id + "/cancel", null, partner).expect(200);
        assertEquals(10, check(bea, "scheduled_posts").get("limit").asInt());
        assertFalse(check(bea, "priority_support").get("allowed").asBoolean());
    }

    @Test
    void aPartnersOwnProductAndFeatureCodesWorkEndToEnd() {
        // The operator defines the partner's product under OpenMeter keys; the partner's codes name them (ADR 0016).
        http.post("/api/v1/meters", """
                {"slug":"social_accounts","aggregation":"COUNT","eventType":"social_account"}""", OPERATOR).expect(201);
        http.post("/api/v1/features", """
                {"key":"social_accounts","name":"Social Accounts","meterSlug":"social_accounts","metadata":{"partner_code":"social.accounts"}}""",
                OPERATOR).expect(201).conformsTo(OPENMETER);
        String planId = http.post("/api/v1/plans", """
                {"key":"starter_plan","name":"Starter Plan","currency":"USD","billingCadence":"P1M",
                 "phases":[{"key":"main","name":"Main","duration":null,"rateCards":[
                   {"type":"flat_fee","key":"social_accounts","name":"Social accounts","featureKey":"social_accounts","billingCadence":"P1M",
                    "price":{"type":"flat","amount":"9"},"entitlementTemplate":{"type":"metered","issueAfterReset":10,"usagePeriod":"P1M"}}]}]}""",
                OPERATOR).expect(201).conformsTo(OPENMETER).json().get("id").asText();
        http.post("/api/v1/plans/" + planId + "/publish", "", OPERATOR).expect(200).conformsTo(OPENMETER);

        Account dana = Accounts.signUp(http, "Dana");
        JsonNode created = http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Dana","product_code":"starter-plan"}""".formatted(dana.email()), partner).expect(201)
                .conformsTo(PHP_TENANT).json();
        assertEquals("starter-plan", created.get("package").asText(), "the partner's own code comes back");
        long id = created.get("entitlement_id").asLong();
        assertEquals("starter-plan", http.get("/api/provisioning/entitlements/" + id, partner).expect(200).conformsTo(PHP_TENANT).json()
                .get("entitlement").get("package_code").asText());

        JsonNode fresh = http.get("/api/v1/entitlements/check?feature=social.accounts&email=" + dana.email(), partner).expect(200)
                .conformsTo(PHP_TENANT).json();
        assertTrue(fresh.get("allowed").asBoolean(), fresh.toString());
        assertEquals(10, fresh.get("limit").asInt());
        assertEquals("social.accounts", fresh.get("feature_code").asText());

        JsonNode recorded = http.post("/api/v1/entitlements/usage", """
                {"email":"%s","feature":"social.accounts","quantity":2}""".formatted(dana.email()), partner).expect(201)
                .conformsTo(PHP_TENANT).json();
        assertEquals("social.accounts", recorded.get("feature_code").asText());
        JsonNode after = http.get("/api/v1/entitlements/check?feature=social.accounts&email=" + dana.email(), partner).expect(200)
                .conformsTo(PHP_TENANT).json();
        assertEquals(2, after.get("used").asInt());
        assertEquals(8, after.get("remaining").asInt());

        JsonNode summary = http.get("/api/entitlements/summary", dana.cookie()).expect(200).conformsTo(PHP_TENANT).json();
        assertEquals("starter-plan", summary.get("packages").get(0).get("code").asText());
        JsonNode social = summary.get("features").get("social").get(0);
        assertEquals("social.accounts", social.get("code").asText(), "listed by its code, in the category its code names");
        assertEquals(2, social.get("used").asInt());

        // A code that names nothing is still unknown.
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"Dana","product_code":"starter-plan-deluxe"}""".formatted(dana.email()), partner).expect(404)
                .conformsTo(PHP_TENANT);
    }

    @Test
    void concurrentRecordingsNeverPassAHardLimit() throws Exception {
        Account busy = Accounts.signUp(http, "Busy");
        provision(busy, "starter");
        http.post("/api/v2/customers/" + busy.orgId() + "/entitlements", """
                {"type":"metered","featureKey":"scheduled_posts","usagePeriod":{"interval":"P1M"},"issue":{"amount":20}}""", OPERATOR)
                .expect(201);
        String body = "{\"email\":\"%s\",\"feature\":\"scheduled_posts\"}".formatted(busy.email());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<TestHttp.Exchange>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> http.post("/api/v1/entitlements/usage", body, partner));
            }
            int accepted = 0;
            for (Future<TestHttp.Exchange> f : pool.invokeAll(calls)) {
                TestHttp.Exchange exchange = f.get();
                // Which requests win the race is open; each one either records its unit or is refused for the limit.
                if (exchange.status() == 201) {
                    accepted++;
                } else {
                    assertTrue(exchange.expect(422).conformsTo(PHP_TENANT).json().get("errors").get("quantity").get(0).asText().contains("would pass its limit"));
                }
            }
            assertEquals(20, accepted, "exactly the limit is accepted");
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = check(busy, "scheduled_posts");
        assertEquals(20, after.get("used").asInt());
        assertFalse(after.get("allowed").asBoolean());
    }

    private void provision(Account account, String product) {
        http.post("/api/provisioning/entitlements", """
                {"email":"%s","name":"X","product_code":"%s"}""".formatted(account.email(), product), partner).expect(201);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        return names;
    }

    private JsonNode check(Account account, String feature) {
        return http.get("/api/v1/entitlements/check?feature=" + feature + "&email=" + account.email(), partner).expect(200).conformsTo(PHP_TENANT).json();
    }
}
