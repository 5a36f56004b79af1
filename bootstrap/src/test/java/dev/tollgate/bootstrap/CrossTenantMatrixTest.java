package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.FakeDnsServer;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp.Exchange;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The standing cross-tenant matrix: two organizations A and B with every kind of resource, and every implemented
 * operation of docs/api/operations.tsv that names a tenant's resource called with each of B's credentials (owner JWT,
 * all-scopes API key, the session cookie on php-tenant routes, an all-accesses service token on PlanetScale routes)
 * and A's identifiers. None may answer 2xx, no answer may carry A's identifiers or names, and A's resources must read
 * back unchanged with A's credentials afterwards.
 *
 * <p>The operations come from operations.tsv and the build's OpenAPI output, so an operation implemented later
 * without a matrix entry fails {@link #everyImplementedOperationIsCoveredOrDeliberatelyLeftOut()}.
 */
@MicronautTest(transactional = false)
class CrossTenantMatrixTest extends HttpTest {
    static final String SECRET = "cross-tenant-matrix-secret";
    static final FakeDnsServer DNS = FakeDnsServer.startOrFail();

    /** The one status an operation must answer each kind of B's credentials (see {@link #credentials}). */
    interface Refusal {
        int status(String credential);
    }

    static Refusal always(int status) {
        return credential -> status;
    }

    /** A's identifier is simply unknown to B: 404 (how PgBeam, PlanetScale and php-tenant's workspace routes answer). */
    static final Refusal UNKNOWN = always(404);
    /**
     * Routes a PlanetScale service token has no scope for (OpenMeter's, php-tenant's entitlement summary): 403 for it;
     * with any other credential the namespace is B's own, where A's identifier is unknown: 404.
     */
    static final Refusal UNKNOWN_TO_SCOPED = credential -> credential.equals("service token") ? 403 : 404;
    /** Centrali documents 403 for an existing workspace the caller is no member of. */
    static final Refusal NOT_A_MEMBER = always(403);

    /** php-tenant's partner routes let in a partner's API key only (B's is one); B's other credentials are no partner's: 403. */
    static Refusal partner(int forThePartnersKey) {
        return credential -> credential.equals("API key") ? forThePartnersKey : 403;
    }

    /**
     * Implemented operations deliberately outside the matrix, with the reason. Keys are "METHOD served_at".
     */
    static final Map<String, String> NOT_COVERED = Map.ofEntries(
            // Public routes and routes without any identifier: they act only in the caller's own organization/namespace.
            Map.entry("GET /v1/health", "public, no identifier"),
            Map.entry("GET /v1/plans", "public tier list, no identifier"),
            Map.entry("GET /v1/regions", "configuration, no identifier"),
            Map.entry("GET /workspace/api/v1/version", "public, no identifier"),
            Map.entry("GET /workspace/api/v1/openapi.json", "public, no identifier"),
            Map.entry("GET /v1/account/export", "the caller's own account, no identifier"),
            Map.entry("GET /workspace/api/v1/metrics", "the operator's scrape behind the internal secret, no identifier: MetricsAccessTest"),
            Map.entry("GET /api/v1/info/currencies", "static list, no identifier"),
            Map.entry("GET /api/v1/debug/metrics", "the caller's own namespace, no identifier"),
            Map.entry("POST /workspace/api/v1", "creates a new workspace, no identifier"),
            Map.entry("POST /api/workspaces", "creates a new workspace, no identifier"),
            Map.entry("GET /api/workspaces/current", "the caller's own current workspace, no identifier"),
            Map.entry("GET /api/v1/workspaces/current", "the caller's own current workspace, no identifier"),
            Map.entry("GET /api/entitlements/summary", "the caller's own current workspace, no identifier"),
            Map.entry("POST /api/entitlement-webhooks", "creates in the caller's own current workspace, no identifier"),
            Map.entry("GET /api/entitlement-webhooks/events", "the same five event types for everyone, no identifier"),
            Map.entry("POST /api/v1/addons", "creates in the caller's namespace, no identifier"),
            Map.entry("POST /api/v1/notification/channels", "creates in the caller's namespace, no identifier"),
            Map.entry("POST /api/v1/customers", "creates in the caller's namespace, no identifier"),
            Map.entry("POST /api/v1/features", "creates in the caller's namespace, no identifier (meterSlug is a key of the namespace)"),
            Map.entry("POST /api/v1/meters", "creates in the caller's namespace, no identifier"),
            Map.entry("POST /api/v1/plans", "creates in the caller's namespace, no identifier"),
            Map.entry("POST /api/v1/events", "ingests into the caller's namespace; subjects are keys of that namespace"),
            Map.entry("POST /api/v1/subjects", "upserts in the caller's namespace by key"),
            Map.entry("POST /api/v1/portal/tokens", "creates in the caller's namespace; the subject is a key of that namespace"),
            Map.entry("GET /api/v1/marketplace/listings/{type}", "the same three listings for everyone; the type is no tenant's"),
            Map.entry("POST /api/v1/marketplace/listings/{type}/install", "installs in the caller's namespace; the type is no tenant's"),
            Map.entry("POST /api/v1/marketplace/listings/{type}/install/apikey", "installs in the caller's namespace; the type is no tenant's"),
            Map.entry("GET /api/v1/marketplace/listings/{type}/install/oauth2", "a state for the caller's namespace; the type is no tenant's"),
            Map.entry("GET /api/v1/marketplace/listings/{type}/install/oauth2/authorize", "installs in the caller's namespace only with a state"
                    + " it was issued: StripeConnectInstallContractTest.aStateIsOnlyTheNamespacesThatAskedForIt"),
            Map.entry("POST /workspace/api/v1/webhooks/stripe", "public: Stripe's signed events for the platform's account, no identifier"),
            // A card exists only where a Stripe account is configured, which this matrix runs without; another
            // workspace's card (404) and a stranger's slug (403) are CentraliPaymentMethodsContractTest's.
            Map.entry("DELETE /workspace/api/v1/{slug}/payment-methods/{pmId}", "CentraliPaymentMethodsContractTest.anotherWorkspacesCardIsNotFoundAndStaysAsItWas"),
            Map.entry("POST /workspace/api/v1/{slug}/payment-methods/{pmId}/default", "CentraliPaymentMethodsContractTest.anotherWorkspacesCardIsNotFoundAndStaysAsItWas"));

    /**
     * Path placeholders that carry a value rather than name a tenant's resource (a month, a plan): never one of A's
     * secrets, and not worth trying under B's own parent (B reads its own month, changes its own plan).
     */
    // every database has a "main"; a query hash is the hash of a text anyone may send
    static final Set<String> VALUE_PLACEHOLDERS = Set.of("billingPeriod", "newPlan", "branch", "query_hash", "resourceType");

    /** Lists with no identifier: B may see 2xx, but never anything of A's. */
    static final Set<String> NAMESPACE_LISTS = Set.of(
            "GET /v1/organizations", "GET /api/workspaces", "GET /api/v1/workspaces", "GET /api/entitlement-webhooks", "GET /api/v1/addons", "GET /api/v1/customers",
            "GET /api/v1/entitlements", "GET /api/v1/features", "GET /api/v1/grants", "GET /api/v1/meters", "GET /api/v1/plans",
            "GET /api/v1/portal/tokens", "GET /api/v1/subjects", "GET /api/v2/entitlements", "GET /api/v2/grants", "GET /api/v2/events",
            "GET /api/v1/events", "GET /api/v1/billing/invoices", "GET /api/v1/apps", "GET /api/v1/billing/profiles",
            "GET /api/v1/billing/customers", "GET /api/v1/marketplace/listings", "GET /api/v1/notification/channels", "GET /api/v1/notification/rules",
            "GET /api/v1/notification/events");

    /**
     * Values that answer {"hasAccess":false} for one's own customer and an unknown entitlement or feature (the v1
     * subject route answers 404 instead, as for any feature the subject has no entitlement for).
     */
    static final Set<String> NO_ACCESS_VALUES = Set.of("GET /api/v1/customers/{customerIdOrKey}/entitlements/{featureKey}/value",
            "GET /api/v2/customers/{customerIdOrKey}/entitlements/{entitlementIdOrFeatureKey}/value");

    @Inject
    Environment environment;
    Tenant a;
    Tenant b;
    int calls;
    final List<String> failures = new ArrayList<>();


    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "scale"); // custom domains need it
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8"); // the tenants' webhooks aim at a closed loopback port
        properties.put("tollgate.dns.server", DNS.address());
        properties.putAll(dev.tollgate.testing.DataClusterPostgres.properties()); // managed databases (ADR 0056)
        return properties;
    }

    @AfterAll
    void stopDns() {
        DNS.close();
    }

    /** One organization with one of everything. */
    final class Tenant {
        final String tag;
        final Account account;
        final Account mate;
        final String[] jwt;
        final String[] apiKey;
        final String[] cookie;
        String[] serviceToken;
        String[] portalToken;
        /** Path placeholders (as operations.tsv names them) to this tenant's values. */
        final Map<String, String> ids = new LinkedHashMap<>();

        Tenant(String label) {
            Random random = new Random();
            StringBuilder suffix = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                suffix.append((char) ('a' + random.nextInt(26)));
            }
            tag = label + suffix;
            account = Accounts.signUp(http, tag);
            mate = Accounts.signUp(http, tag + "mate");
            jwt = account.auth();
            cookie = account.cookie();
            String[] scopes = Arrays.stream(Permission.values()).map(Permission::apiKeyScope).distinct().toArray(String[]::new);
            JsonNode key = http.post("/v1/api-keys", "{\"org_id\":\"%s\",\"name\":\"%s key\",\"scopes\":[\"%s\"]}"
                    .formatted(account.orgId(), tag, String.join("\",\"", scopes)), jwt).expect(201).json();
            apiKey = new String[] {"Authorization", "Bearer " + key.get("key").asText()};
            ids.put("key_id", key.get("id").asText());
            ids.put("org_id", account.orgId());
            ids.put("user_id", http.get("/v1/me", jwt).expect(200).json().get("id").asText());
            ids.put("organization", account.orgSlug());
            ids.put("slug", account.orgSlug());
            ids.put("workspace", Long.toString(account.orgNumber()));
            ids.put("billingPeriod", java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString());
            ids.put("newPlan", "pro");
            ids.put("resourceType", "workspace");
            ids.put("resourceId", account.orgId());
        }

        String org() {
            return "/v1/organizations/" + account.orgSlug();
        }

        void build() {
            // tenancy: a second member, a team, a service token with every access
            ids.put("member_id", Accounts.join(http, account, mate, "member"));
            ids.put("invitation_id", http.post("/v1/invitations", """
                    {"org_id":"%s","email":"%s-invitee@example.com"}""".formatted(account.orgId(), tag), jwt).expect(202).json()
                    .get("id").asText());
            http.get(org() + "/members/" + ids.get("member_id"), jwt).expect(200);
            ids.put("team_slug", http.post(org() + "/teams", "{\"name\":\"" + tag + " team\",\"description\":\"" + tag + "\"}", jwt)
                    .expect(201).json().get("slug").asText());
            JsonNode token = http.post(org() + "/service-tokens", "{\"name\":\"" + tag + " token\"}", jwt).expect(201).json();
            ids.put("service_token_id", token.get("id").asText());
            for (String access : Arrays.stream(Permission.values()).map(Permission::serviceTokenAccess).filter(Objects::nonNull)
                    .distinct().toList()) {
                http.post(org() + "/service-tokens/" + ids.get("service_token_id") + "/accesses", "{\"access\":\"" + access + "\"}", jwt)
                        .expect(201);
            }
            serviceToken = new String[] {"Authorization", "ServiceToken " + token.get("id").asText() + ":" + token.get("token").asText()};
            http.get(org() + "/members", serviceToken).expect(200);

            // Centrali's support issues: numbered per workspace, so alpha files one more than bravo has (bravo's own
            // workspace then has no issue of alpha's number)
            String issues = "/workspace/api/v1/" + account.orgSlug() + "/support-issues";
            for (int i = 0; i < (tag.startsWith("alpha") ? 2 : 1); i++) {
                ids.put("supportIssueId", http.post(issues, "{\"title\":\"%s issue\",\"description\":\"%s details\"}".formatted(tag, tag),
                        jwt).expect(201).json().get("id").asText());
            }
            ids.put("commentId", http.post(issues + "/" + ids.get("supportIssueId") + "/comments", "{\"comment\":\"%s says\"}".formatted(tag),
                    jwt).expect(200).json().get("id").asText());

            // Centrali's data export: a job of the workspace's own
            ids.put("jobId", http.post("/workspace/api/v1/" + account.orgSlug() + "/export", null, jwt).expect(202).json().get("jobId").asText());

            // proxy: a project with its database, a second database, a replica, a custom domain
            JsonNode project = http.post("/v1/projects", """
                    {"name":"%s app","org_id":"%s","database":%s}""".formatted(tag, account.orgId(), upstream()), jwt).expect(201).json();
            ids.put("project_id", project.get("project").get("id").asText());
            // PlanetScale's databases: a managed database (ADR 0056) with its production branch and a password
            String managed = tag.toLowerCase(java.util.Locale.ROOT) + "-db";
            http.post(org() + "/databases", "{\"name\":\"" + managed + "\"}", jwt).expect(201);
            ids.put("database", managed);
            ids.put("branch", "main");
            ids.put("query_hash", dev.tollgate.proxy.domain.QueryShape.of("SELECT 1").id());
            ids.put("bouncer_name", http.post(org() + "/databases/" + managed + "/branches/main/bouncers", "{\"name\":\"" + managed + "-pool\"}",
                    jwt).expect(201).json().get("name").asText());
            http.post(org() + "/databases/" + managed + "/postgres-cidrs", "{\"cidr\":\"10.9.0.0/16\",\"description\":\"" + tag + "\"}", jwt)
                    .expect(201);
            ids.put("password_id", http.post(org() + "/databases/" + managed + "/branches/main/passwords", "{\"role\":\"reader\"}", jwt)
                    .expect(201).json().get("id").asText());
            // a backup of the production branch (ADR 0072): whatever state the worker takes it to, it is A's
            ids.put("backup_id", http.post(org() + "/databases/" + managed + "/branches/main/backups", null, jwt)
                    .expect(201).json().get("id").asText());
            ids.put("database_id", project.get("database").get("id").asText());
            ids.put("replica_id", http.post("/v1/databases/" + ids.get("database_id") + "/replicas", "{\"host\":\"127.0.0.1\",\"port\":5433}", jwt)
                    .expect(201).json().get("id").asText());
            ids.put("domain_id", http.post("/v1/projects/" + ids.get("project_id") + "/domains", "{\"domain\":\"" + tag + ".example.com\"}", jwt)
                    .expect(201).json().get("id").asText());

            // metering, catalog, entitlements
            JsonNode meter = http.post("/api/v1/meters", """
                    {"slug":"%s_calls","name":"%s calls","aggregation":"COUNT","eventType":"%s_call","groupBy":{"model":"$.model"}}"""
                    .formatted(tag, tag, tag), jwt).expect(201).json();
            ids.put("meterIdOrSlug", meter.get("id").asText());
            ids.put("meterSlug", tag + "_calls");
            ids.put("groupByKey", "model");
            JsonNode feature = http.post("/api/v1/features", """
                    {"key":"%s_api","name":"%s API","meterSlug":"%s_calls"}""".formatted(tag, tag, tag), jwt).expect(201).json();
            ids.put("featureId", feature.get("id").asText());
            ids.put("featureKey", tag + "_api");
            ids.put("featureKeyOwn", tag + "_api");
            JsonNode customer = http.post("/api/v1/customers", """
                    {"name":"%s Customer","key":"%s_cust","usageAttribution":{"subjectKeys":["%s_subj"]}}""".formatted(tag, tag, tag), jwt)
                    .expect(201).json();
            ids.put("customerIdOrKey", customer.get("id").asText());
            ids.put("customerKey", tag + "_cust");
            http.post("/api/v1/subjects", "[{\"key\":\"%s_subj\",\"displayName\":\"%s subject\"}]".formatted(tag, tag), jwt).expect(200);
            ids.put("subjectIdOrKey", tag + "_subj");
            http.post("/api/v1/events", """
                    [{"specversion":"1.0","id":"%s-1","source":"%s","type":"%s_call","subject":"%s_subj","time":"%s","data":{"model":"%s"}}]"""
                    .formatted(tag, tag, tag, tag, Instant.now().minusSeconds(60), tag), "Authorization", jwt[1], "Content-Type",
                    "application/cloudevents-batch+json").expect(204);
            String entitlement = http.post("/api/v2/customers/" + ids.get("customerIdOrKey") + "/entitlements", """
                    {"type":"metered","featureKey":"%s_api","usagePeriod":{"interval":"MONTH"},"issue":{"amount":100}}""".formatted(tag), jwt)
                    .expect(201).json().get("id").asText();
            ids.put("entitlementId", entitlement);
            ids.put("entitlementIdOrFeatureKey", entitlement);
            ids.put("grantId", http.post("/api/v2/customers/" + ids.get("customerIdOrKey") + "/entitlements/" + entitlement + "/grants",
                    "{\"amount\":50,\"effectiveAt\":\"" + Instant.now().truncatedTo(ChronoUnit.MINUTES) + "\"}", jwt).expect(201).json()
                    .get("id").asText());
            String plan = http.post("/api/v1/plans", plan(tag), jwt).expect(201).json().get("id").asText();
            ids.put("planId", plan);
            ids.put("planIdOrKey", plan);
            String addon = http.post("/api/v1/addons", addon(tag), jwt).expect(201).json().get("id").asText();
            http.post("/api/v1/addons/" + addon + "/publish", "", jwt).expect(200);
            ids.put("addonId", addon);
            ids.put("planAddonId", addon);
            http.post("/api/v1/plans/" + plan + "/addons", "{\"addonId\":\"" + addon + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}", jwt)
                    .expect(201);
            // billing: the customer subscribed, with one add-on, to a published plan of its own (the one above stays a draft)
            String published = http.post("/api/v1/plans", plan(tag + "_sub"), jwt).expect(201).json().get("id").asText();
            http.post("/api/v1/plans/" + published + "/addons", "{\"addonId\":\"" + addon + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}",
                    jwt).expect(201);
            http.post("/api/v1/plans/" + published + "/publish", "", jwt).expect(200);
            String subscription = http.post("/api/v1/subscriptions", "{\"customerKey\":\"" + tag + "_cust\",\"plan\":{\"key\":\"" + tag
                    + "_sub_plan\"}}", jwt).expect(201).json().get("id").asText();
            ids.put("subscriptionId", subscription);
            ids.put("subscriptionAddonId", http.post("/api/v1/subscriptions/" + subscription + "/addons", "{\"name\":\"Seats\",\"addon\":{\"id\":\""
                    + addon + "\"},\"quantity\":1,\"timing\":\"immediate\"}", jwt).expect(201).json().get("id").asText());
            // billing: a pending line waiting on the customer's gathering invoice
            ids.put("customerId", ids.get("customerIdOrKey"));
            ids.put("invoiceId", http.post("/api/v1/billing/customers/" + ids.get("customerId") + "/invoices/pending-lines", """
                    {"currency":"USD","lines":[{"name":"Fee","period":{"from":"2030-01-01T00:00:00Z","to":"2030-02-01T00:00:00Z"},
                     "invoiceAt":"2030-01-01T00:00:00Z","rateCard":{"price":{"type":"flat","amount":"1"}}}]}""", jwt).expect(201).json()
                    .get("invoice").get("id").asText());
            JsonNode portal = http.post("/api/v1/portal/tokens", """
                    {"subject":"%s_subj","allowedMeterSlugs":["%s_calls"]}""".formatted(tag, tag), jwt).expect(200).json();
            ids.put("portalTokenId", portal.get("id").asText());
            portalToken = new String[] {"Authorization", "Bearer " + portal.get("token").asText()};
            http.post("/api/v1/meters/" + ids.get("meterIdOrSlug") + "/query", "{\"clientId\":\"" + tag + "-client\"}", jwt).expect(200);
            ids.put("progressId", tag + "-client");

            // billing: an app of its own, a profile using it, the customer pinned to it, the app's data about the customer
            String app = http.post("/api/v1/marketplace/listings/custom_invoicing/install", "{\"name\":\"%s invoicing\",\"createBillingProfile\":false}"
                    .formatted(tag), jwt).expect(200).json().at("/app/id").asText();
            ids.put("appId", app);
            ids.put("billingProfileId", http.post("/api/v1/billing/profiles", """
                    {"name":"%s profile","supplier":{"name":"%s supplier"},"default":false,"workflow":{},
                     "apps":{"tax":"%s","invoicing":"%s","payment":"%s"}}""".formatted(tag, tag, app, app, app), jwt).expect(201).json()
                    .get("id").asText());
            http.put("/api/v1/billing/customers/" + ids.get("customerId"), "{\"billingProfileId\":\"" + ids.get("billingProfileId") + "\"}", jwt)
                    .expect(200);
            http.put("/api/v1/customers/" + ids.get("customerId") + "/apps", "[{\"type\":\"custom_invoicing\",\"id\":\"" + app
                    + "\",\"metadata\":{\"externalId\":\"" + tag + "-ext\"}}]", jwt).expect(200);
        }

        /** php-tenant: this organization, as a billing partner, provisions a package into its owner's workspace. */
        void providePackage() {
            ids.put("packageId", http.post("/api/provisioning/entitlements", """
                    {"email":"%s","name":"%s","product_code":"scale","blesta_service_id":"svc-%s"}""".formatted(account.email(), tag, tag), apiKey)
                    .expect(201).json().get("entitlement_id").asText());
        }

        /** php-tenant: an entitlement webhook of this workspace, and one (failed) test delivery of it. */
        void provideWebhook() {
            ids.put("webhook", http.post("/api/entitlement-webhooks", """
                    {"name":"%s hook","url":"http://127.0.0.1:9/%s","events":["limit_warning"]}""".formatted(tag, tag), cookie)
                    .expect(201).json().get("webhook").get("id").asText());
            ids.put("delivery", http.post("/api/entitlement-webhooks/" + ids.get("webhook") + "/test", null, cookie)
                    .expect(200).json().get("delivery").get("id").asText());
            // OpenMeter: a notification channel of this namespace
            ids.put("channelId", http.post("/api/v1/notification/channels", """
                    {"type":"WEBHOOK","name":"%s channel","url":"http://127.0.0.1:9/%s"}""".formatted(tag, tag), jwt)
                    .expect(201).json().get("id").asText());
            ids.put("ruleId", http.post("/api/v1/notification/rules", """
                    {"type":"invoice.created","name":"%s rule","channels":["%s"]}""".formatted(tag, ids.get("channelId")), jwt)
                    .expect(201).json().get("id").asText());
            ids.put("eventId", http.post("/api/v1/notification/rules/" + ids.get("ruleId") + "/test", null, jwt)
                    .expect(201).json().get("id").asText());
        }

        /** The values of this tenant that must never show in another tenant's answers. */
        Set<String> secrets() {
            Set<String> values = new TreeSet<>();
            values.add(tag);
            values.add(account.email());
            values.add(mate.email());
            for (Map.Entry<String, String> e : ids.entrySet()) {
                String v = e.getValue();
                if (!v.matches("\\d+") && !v.equals("model") && !VALUE_PLACEHOLDERS.contains(e.getKey())) {
                    values.add(v);
                }
            }
            return values;
        }
    }

    static String upstream() {
        return """
                {"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres","password":"pw","ssl_mode":"disable"}"""
                .formatted(UpstreamPostgres.port());
    }

    static String plan(String tag) {
        return """
                {"key":"%s_plan","name":"%s Plan","currency":"USD","billingCadence":"P1M","phases":[
                 {"key":"main","name":"Main","duration":null,"rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""".formatted(tag, tag);
    }

    static String addon(String tag) {
        return """
                {"key":"%s_seats","name":"%s seats","instanceType":"multiple","currency":"USD","rateCards":[
                  {"type":"flat_fee","key":"seat","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"15"}}]}""".formatted(tag, tag);
    }

    /** One implemented operation of operations.tsv. */
    record Operation(String seed, String method, String servedAt, String operationId) {
        String key() {
            return method + " " + servedAt;
        }
    }

    /**
     * How B calls an operation: the query to add and the body, both with {A.x}/{B.x} placeholders; {@code underOwnParent}
     * is the refusal when B names its own parent and A's child (the same as {@code refusal} unless said).
     */
    record Call(String query, String body, Refusal refusal, Refusal underOwnParent) {
        Call(String query, String body, Refusal refusal) {
            this(query, body, refusal, refusal);
        }
    }

    static Call call(String query, String body) {
        return new Call(query, body, UNKNOWN);
    }

    static Call openMeter(String query, String body) {
        return new Call(query, body, UNKNOWN_TO_SCOPED);
    }

    static Call centrali(String query, String body) {
        return new Call(query, body, NOT_A_MEMBER);
    }

    /** A partner route on A's package or person: B's partner key does not find it (404); B's other credentials are refused. */
    static Call partnerCall(String query, String body) {
        return new Call(query, body, partner(404));
    }

    /**
     * Bodies and queries of the covered operations. A path placeholder is filled from A; everything a body or a
     * query needs besides is B's own (so that only A's identifier is foreign), unless it names {A.x}.
     */
    static Map<String, Call> matrix() {
        Map<String, Call> m = new LinkedHashMap<>();
        String now = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
        // PgBeam
        m.put("GET /v1/databases/{database_id}/replicas", call("", null));
        m.put("POST /v1/databases/{database_id}/replicas", call("", "{\"host\":\"127.0.0.1\",\"port\":5434}"));
        m.put("DELETE /v1/databases/{database_id}/replicas/{replica_id}", call("", null));
        // the internal routes take the internal secret only
        m.put("POST /v1/internal/enterprise-plan", new Call("", "{\"org_id\":\"{A.org_id}\",\"billing_provider\":\"manual\"}", always(401)));
        m.put("POST /v1/internal/sync-plan", new Call("", "{\"org_id\":\"{A.org_id}\",\"plan\":\"pro\",\"status\":\"canceled\"}", always(401)));
        m.put("GET /v1/internal/billing-health", new Call("", null, always(401)));
        m.put("POST /v1/internal/reconcile", new Call("", null, always(401)));
        m.put("DELETE /v1/internal/organizations/{org_id}", new Call("", null, always(401)));
        m.put("GET /v1/organizations/{org_id}/plan", call("", null));
        m.put("GET /v1/organizations/{org_id}/onboarding", call("", null));
        m.put("PATCH /v1/organizations/{org_id}/onboarding", call("", "{\"dismiss\":true}"));
        m.put("POST /v1/internal/consent", new Call("", "{\"user_id\":\"{A.user_id}\",\"document_type\":\"terms_of_service\","
                + "\"document_version\":\"intruder\"}", always(401)));
        m.put("PUT /v1/organizations/{org_id}/spend-limit", call("", "{\"spend_limit\":1000}"));
        m.put("POST /v1/organizations/{org_id}/cancellation-feedback", call("", "{\"reason\":\"too-expensive\"}"));
        m.put("GET /v1/organizations/{org_id}/usage", call("?start_date=2026-01-01&end_date=2026-01-31", null));
        m.put("GET /v1/projects", call("?org_id={A.org_id}", null));
        m.put("POST /v1/projects", call("", "{\"name\":\"intruder\",\"org_id\":\"{A.org_id}\",\"database\":" + upstream() + "}"));
        m.put("DELETE /v1/projects/{project_id}", call("", null));
        m.put("GET /v1/projects/{project_id}", call("", null));
        m.put("PATCH /v1/projects/{project_id}", call("", "{\"description\":\"intruder\"}"));
        m.put("GET /v1/projects/{project_id}/databases", call("", null));
        m.put("POST /v1/projects/{project_id}/databases", call("", upstream()));
        m.put("DELETE /v1/projects/{project_id}/databases/{database_id}", call("", null));
        m.put("GET /v1/projects/{project_id}/databases/{database_id}", call("", null));
        m.put("PATCH /v1/projects/{project_id}/databases/{database_id}", call("", "{\"query_timeout_ms\":5000}"));
        m.put("POST /v1/projects/{project_id}/databases/{database_id}/test-connection", call("", null));
        m.put("GET /v1/projects/{project_id}/domains", call("", null));
        m.put("POST /v1/projects/{project_id}/domains", call("", "{\"domain\":\"intruder-{B.tag}.example.net\"}"));
        m.put("DELETE /v1/projects/{project_id}/domains/{domain_id}", call("", null));
        m.put("POST /v1/projects/{project_id}/domains/{domain_id}/verify", call("", null));
        m.put("GET /v1/projects/{project_id}/usage", call("?start_date=2026-01-01&end_date=2026-01-31", null));
        m.put("GET /v1/projects/{project_id}/metrics", call("?limit=10", null));
        m.put("GET /v1/projects/{project_id}/insights", call("?range=1h&limit=10", null));
        m.put("GET /v1/projects/{project_id}/databases/{database_id}/cache-rules", call("", null));
        m.put("PUT /v1/projects/{project_id}/databases/{database_id}/cache-rules/{query_hash}", call("", "{\"cache_enabled\":true}"));
        // PlanetScale: another organization is not found, whatever B's credential
        for (String[] op : new String[][] {
                {"GET /v1/organizations/{organization}", null},
                {"GET /v1/organizations/{organization}/members", null},
                {"GET /v1/organizations/{organization}/members/{member_id}", null},
                {"PATCH /v1/organizations/{organization}/members/{member_id}", "{\"role\":\"admin\"}"},
                {"DELETE /v1/organizations/{organization}/members/{member_id}", null},
                {"GET /v1/organizations/{organization}/teams", null},
                {"POST /v1/organizations/{organization}/teams", "{\"name\":\"intruders\"}"},
                {"GET /v1/organizations/{organization}/teams/{team_slug}", null},
                {"PATCH /v1/organizations/{organization}/teams/{team_slug}", "{\"description\":\"intruder\"}"},
                {"DELETE /v1/organizations/{organization}/teams/{team_slug}", null},
                {"GET /v1/organizations/{organization}/service-tokens", null},
                {"POST /v1/organizations/{organization}/service-tokens", "{\"name\":\"intruder\"}"},
                {"GET /v1/organizations/{organization}/service-tokens/{service_token_id}", null},
                {"DELETE /v1/organizations/{organization}/service-tokens/{service_token_id}", null},
                {"GET /v1/organizations/{organization}/service-tokens/{service_token_id}/accesses", null},
                {"POST /v1/organizations/{organization}/service-tokens/{service_token_id}/accesses", "{\"access\":\"read_organization\"}"},
                {"GET /v1/organizations/{organization}/invoices", null},
                {"GET /v1/organizations/{organization}/cluster-size-skus", null},
                {"GET /v1/organizations/{organization}/databases", null},
                {"POST /v1/organizations/{organization}/databases", "{\"name\":\"intruder-db\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}", null},
                {"PATCH /v1/organizations/{organization}/databases/{database}", "{\"allow_data_branching\":true}"},
                {"DELETE /v1/organizations/{organization}/databases/{database}", null},
                {"GET /v1/organizations/{organization}/databases/{database}/branches", null},
                {"POST /v1/organizations/{organization}/databases/{database}/branches", "{\"name\":\"intruder\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}", null},
                {"PATCH /v1/organizations/{organization}/databases/{database}/branches/{branch}", "{\"cluster_size\":\"PG_XLARGE\"}"},
                {"DELETE /v1/organizations/{organization}/databases/{database}/branches/{branch}", null},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/passwords", null},
                {"POST /v1/organizations/{organization}/databases/{database}/branches/{branch}/passwords", "{\"role\":\"admin\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/passwords/{password_id}", null},
                {"DELETE /v1/organizations/{organization}/databases/{database}/branches/{branch}/passwords/{password_id}", null},
                {"POST /v1/organizations/{organization}/databases/{database}/branches/{branch}/passwords/{password_id}/renew", ""},
                {"POST /v1/organizations/{organization}/databases/{database}/branches/{branch}/roles",
                        "{\"name\":\"intruder\",\"role\":\"admin\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/bouncers", null},
                {"POST /v1/organizations/{organization}/databases/{database}/branches/{branch}/bouncers", "{\"name\":\"intruder\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/bouncers/{bouncer_name}", null},
                {"DELETE /v1/organizations/{organization}/databases/{database}/branches/{branch}/bouncers/{bouncer_name}", null},
                {"GET /v1/organizations/{organization}/databases/{database}/postgres-cidrs", null},
                {"POST /v1/organizations/{organization}/databases/{database}/postgres-cidrs", "{\"cidr\":\"10.66.0.0/16\"}"},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/query-patterns-report", null},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/schema-lint", null},
                {"GET /v1/organizations/{organization}/databases/{database}/schema-recommendations", null},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/backups", null},
                {"POST /v1/organizations/{organization}/databases/{database}/branches/{branch}/backups", null},
                {"GET /v1/organizations/{organization}/databases/{database}/branches/{branch}/backups/{backup_id}", null},
                {"DELETE /v1/organizations/{organization}/databases/{database}/branches/{branch}/backups/{backup_id}", null},
                {"GET /v1/organizations/{organization}/databases/{database}/webhooks", null},
                {"POST /v1/organizations/{organization}/databases/{database}/webhooks",
                        "{\"url\":\"http://127.0.0.1:9/intruder\",\"events\":[\"branch.ready\"]}"}}) {
            m.put(op[0], call("", op[1]));
        }
        // Centrali: 403 for a workspace the caller is no member of, as its document says (capabilities too)
        m.put("GET /workspace/api/v1/{slug}", centrali("", null));
        m.put("PUT /workspace/api/v1/{slug}", centrali("", "{\"name\":\"intruder\"}"));
        m.put("DELETE /workspace/api/v1/{slug}", centrali("", null));
        m.put("POST /workspace/api/v1/{slug}/delete", centrali("", null));
        m.put("POST /workspace/api/v1/{slug}/restore", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/capabilities", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/usage/current", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/usage/historical", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/usage/{billingPeriod}", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/invoices", centrali("", null));
        // In B's own workspace, A's invoice is no bill of B's (404); a service token may never read bills (403).
        m.put("GET /workspace/api/v1/{slug}/invoice/{invoiceId}", new Call("", null, NOT_A_MEMBER,
                credential -> credential.equals("service token") ? 403 : 404));
        m.put("GET /workspace/api/v1/{slug}/plan", centrali("", null));
        m.put("PATCH /workspace/api/v1/{slug}/plan/{newPlan}", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/overage", centrali("", null));
        m.put("PATCH /workspace/api/v1/{slug}/overage", centrali("", "{\"overageEnabled\":false}"));
        m.put("POST /workspace/api/v1/{slug}/create-setup-session", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/payment-methods", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/payment-methods/default", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/public-key", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/audit/activity", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/overview", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/provision-status", centrali("", null));
        m.put("POST /workspace/api/v1/{slug}/provision-status/retry", centrali("", "{\"service\":\"billing\"}"));
        m.put("POST /workspace/api/v1/{slug}/support-issues", centrali("", "{\"title\":\"intruder\",\"description\":\"intruder\"}"));
        m.put("GET /workspace/api/v1/{slug}/support-issues", centrali("", null));
        // Under B's own workspace, A's issue number is one B's workspace does not have: 404.
        for (String[] op : new String[][] {
                {"GET /workspace/api/v1/{slug}/support-issues/{id}", null},
                {"PUT /workspace/api/v1/{slug}/support-issues/{id}", "{\"status\":\"closed\"}"},
                {"GET /workspace/api/v1/{slug}/support-issues/{id}/comments", null},
                {"POST /workspace/api/v1/{slug}/support-issues/{id}/comments", "{\"comment\":\"intruder\"}"},
                {"GET /workspace/api/v1/{slug}/support-issues/{id}/comments/{commentId}", null},
                {"PUT /workspace/api/v1/{slug}/support-issues/{id}/comments/{commentId}", "{\"comment\":\"intruder\"}"},
                {"DELETE /workspace/api/v1/{slug}/support-issues/{id}/comments/{commentId}", null}}) {
            m.put(op[0], new Call("", op[1], NOT_A_MEMBER, always(404)));
        }
        m.put("GET /workspace/api/v1/{slug}/audit/export", centrali("", null));
        m.put("GET /workspace/api/v1/{slug}/export", centrali("", null));
        m.put("POST /workspace/api/v1/{slug}/export", centrali("", null));
        // Under B's own workspace A's job is unknown (404); a service token may never export (403 before any lookup).
        m.put("GET /workspace/api/v1/{slug}/export/{jobId}", new Call("", null, NOT_A_MEMBER, UNKNOWN_TO_SCOPED));
        m.put("GET /workspace/api/v1/{slug}/audit/{resourceType}/{resourceId}/history", centrali("", null));
        // OpenMeter: the namespace is the credential's; A's ids must be unknown there
        m.put("PUT /api/v1/addons/{addonId}", openMeter("", addon("intruder")));
        m.put("GET /api/v1/addons/{addonId}", openMeter("", null));
        m.put("DELETE /api/v1/addons/{addonId}", openMeter("", null));
        m.put("POST /api/v1/addons/{addonId}/archive", openMeter("", ""));
        m.put("POST /api/v1/addons/{addonId}/publish", openMeter("", ""));
        m.put("GET /api/v1/customers/{customerIdOrKey}", openMeter("", null));
        m.put("PUT /api/v1/customers/{customerIdOrKey}", openMeter("", "{\"name\":\"intruder\",\"usageAttribution\":{\"subjectKeys\":[\"intruder\"]}}"));
        m.put("DELETE /api/v1/customers/{customerIdOrKey}", openMeter("", null));
        m.put("GET /api/v1/customers/{customerIdOrKey}/access", openMeter("", null));
        m.put("GET /api/v1/customers/{customerIdOrKey}/entitlements/{featureKey}/value", openMeter("", null));
        m.put("GET /api/v1/entitlements/{entitlementId}", openMeter("", null));
        m.put("GET /api/v1/features/{featureId}", openMeter("", null));
        m.put("DELETE /api/v1/features/{featureId}", openMeter("", null));
        m.put("GET /api/v1/features/{featureId}/cost", openMeter("", null));
        m.put("DELETE /api/v1/grants/{grantId}", openMeter("", null));
        m.put("GET /api/v1/info/progress/{id}", openMeter("", null));
        m.put("GET /api/v1/meters/{meterIdOrSlug}", openMeter("", null));
        m.put("PUT /api/v1/meters/{meterIdOrSlug}", openMeter("", "{\"name\":\"intruder\"}"));
        m.put("DELETE /api/v1/meters/{meterIdOrSlug}", openMeter("", null));
        m.put("GET /api/v1/meters/{meterIdOrSlug}/group-by/{groupByKey}/values", openMeter("", null));
        m.put("GET /api/v1/meters/{meterIdOrSlug}/query", openMeter("", null));
        m.put("POST /api/v1/meters/{meterIdOrSlug}/query", openMeter("", "{}"));
        m.put("GET /api/v1/meters/{meterIdOrSlug}/subjects", openMeter("", null));
        m.put("POST /api/v1/plans/{planIdOrKey}/next", openMeter("", ""));
        m.put("PUT /api/v1/plans/{planId}", openMeter("", plan("intruder")));
        m.put("GET /api/v1/plans/{planId}", openMeter("", null));
        m.put("DELETE /api/v1/plans/{planId}", openMeter("", null));
        m.put("GET /api/v1/plans/{planId}/addons", openMeter("", null));
        m.put("POST /api/v1/plans/{planId}/addons", openMeter("", "{\"addonId\":\"{B.addonId}\",\"fromPlanPhase\":\"main\",\"maxQuantity\":3}"));
        m.put("PUT /api/v1/plans/{planId}/addons/{planAddonId}", openMeter("", "{\"fromPlanPhase\":\"main\",\"maxQuantity\":7}"));
        m.put("GET /api/v1/plans/{planId}/addons/{planAddonId}", openMeter("", null));
        m.put("DELETE /api/v1/plans/{planId}/addons/{planAddonId}", openMeter("", null));
        m.put("POST /api/v1/plans/{planId}/archive", openMeter("", ""));
        m.put("POST /api/v1/plans/{planId}/publish", openMeter("", ""));
        m.put("POST /api/v1/subscriptions", openMeter("", "{\"customerId\":\"{A.customerIdOrKey}\",\"plan\":{\"key\":\"intruder\"}}"));
        m.put("GET /api/v1/customers/{customerIdOrKey}/subscriptions", openMeter("", null));
        String line = "{\"name\":\"x\",\"period\":{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2030-01-02T00:00:00Z\"},"
                + "\"invoiceAt\":\"2030-01-01T00:00:00Z\",\"quantity\":\"1\",\"rateCard\":{\"price\":{\"type\":\"flat\",\"amount\":\"1\"}}}";
        m.put("POST /api/v1/billing/customers/{customerId}/invoices/pending-lines", openMeter("", "{\"currency\":\"USD\",\"lines\":[" + line + "]}"));
        m.put("POST /api/v1/billing/customers/{customerId}/invoices/simulate", openMeter("", "{\"currency\":\"USD\",\"lines\":[" + line + "]}"));
        m.put("POST /api/v1/billing/invoices/invoice", openMeter("", "{\"customerId\":\"{A.customerIdOrKey}\"}"));
        m.put("GET /api/v1/billing/invoices/{invoiceId}", openMeter("", null));
        m.put("PUT /api/v1/billing/invoices/{invoiceId}", openMeter("", "{\"supplier\":{},\"customer\":{},\"lines\":[],"
                + "\"workflow\":{\"workflow\":{\"invoicing\":{},\"payment\":{}}}}"));
        m.put("DELETE /api/v1/billing/invoices/{invoiceId}", openMeter("", null));
        for (String action : List.of("advance", "approve", "retry", "snapshot-quantities", "taxes/recalculate")) {
            m.put("POST /api/v1/billing/invoices/{invoiceId}/" + action, openMeter("", ""));
        }
        m.put("POST /api/v1/billing/invoices/{invoiceId}/void", openMeter("", "{\"reason\":\"x\",\"action\":{\"percentage\":0,"
                + "\"action\":{\"type\":\"discard\"}}}"));
        m.put("POST /api/v1/apps/custom-invoicing/{invoiceId}/draft/synchronized", openMeter("", "{}"));
        m.put("POST /api/v1/apps/custom-invoicing/{invoiceId}/issuing/synchronized", openMeter("", "{}"));
        m.put("POST /api/v1/apps/custom-invoicing/{invoiceId}/payment/status", openMeter("", "{\"trigger\":\"paid\"}"));

        m.put("GET /api/v1/subscriptions/{subscriptionId}", openMeter("", null));
        m.put("PATCH /api/v1/subscriptions/{subscriptionId}", openMeter("", "{\"customizations\":[]}"));
        m.put("DELETE /api/v1/subscriptions/{subscriptionId}", openMeter("", null));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/cancel", openMeter("", "{}"));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/change", openMeter("", "{\"timing\":\"immediate\",\"plan\":{\"key\":\"intruder\"}}"));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/migrate", openMeter("", "{}"));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/restore", openMeter("", ""));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/unschedule-cancelation", openMeter("", ""));
        m.put("GET /api/v1/subscriptions/{subscriptionId}/addons", openMeter("", null));
        m.put("POST /api/v1/subscriptions/{subscriptionId}/addons", openMeter("",
                "{\"name\":\"x\",\"addon\":{\"id\":\"{A.addonId}\"},\"quantity\":1,\"timing\":\"immediate\"}"));
        m.put("GET /api/v1/subscriptions/{subscriptionId}/addons/{subscriptionAddonId}", openMeter("", null));
        m.put("PATCH /api/v1/subscriptions/{subscriptionId}/addons/{subscriptionAddonId}", openMeter("", "{\"quantity\":2}"));
        // B's portal token on A's meter (the token is the only credential of this route): a portal token names its meter
        // in B's namespace, so A's meter is not one it may query
        m.put("GET /api/v1/portal/meters/{meterSlug}/query", new Call("", null, always(401)));
        // billing: A's apps, profiles, overrides and customer app data are unknown in B's namespace; a profile B creates
        // naming A's app names an app B has not installed (400)
        m.put("GET /api/v1/apps/{id}", openMeter("", null));
        m.put("PUT /api/v1/apps/{id}", openMeter("", "{\"type\":\"custom_invoicing\",\"name\":\"intruder\",\"enableDraftSyncHook\":true,"
                + "\"enableIssuingSyncHook\":true}"));
        m.put("DELETE /api/v1/apps/{id}", openMeter("", null));
        m.put("GET /api/v1/billing/profiles/{id}", openMeter("", null));
        m.put("PUT /api/v1/billing/profiles/{id}", openMeter("", "{\"name\":\"intruder\",\"supplier\":{},\"default\":true,\"workflow\":{}}"));
        m.put("DELETE /api/v1/billing/profiles/{id}", openMeter("", null));
        m.put("POST /api/v1/billing/profiles", new Call("", "{\"name\":\"intruder\",\"supplier\":{},\"default\":false,\"workflow\":{},"
                + "\"apps\":{\"tax\":\"{A.appId}\",\"invoicing\":\"{A.appId}\",\"payment\":\"{A.appId}\"}}",
                credential -> credential.equals("service token") ? 403 : 400));
        m.put("GET /api/v1/billing/customers/{customerId}", openMeter("", null));
        m.put("PUT /api/v1/billing/customers/{customerId}", openMeter("", "{}"));
        m.put("DELETE /api/v1/billing/customers/{customerId}", openMeter("", null));
        m.put("GET /api/v1/customers/{customerIdOrKey}/apps", openMeter("", null));
        m.put("PUT /api/v1/customers/{customerIdOrKey}/apps", openMeter("", "[{\"type\":\"sandbox\"}]"));
        m.put("DELETE /api/v1/customers/{customerIdOrKey}/apps/{appId}", openMeter("", null));
        m.put("PUT /api/v1/apps/{id}/stripe/api-key", openMeter("", "{\"secretAPIKey\":\"sk_test_intruder_key_0123\"}"));
        // Stripe's webhook takes no credentials: whoever calls, A's app id is not a Stripe app B can post events to.
        m.put("POST /api/v1/apps/{id}/stripe/webhook", new Call("", "{\"id\":\"evt_intruder\",\"type\":\"invoice.paid\",\"livemode\":false,"
                + "\"created\":1,\"data\":{\"object\":{}}}", UNKNOWN));
        m.put("GET /api/v1/customers/{customerIdOrKey}/stripe", openMeter("", null));
        m.put("PUT /api/v1/customers/{customerIdOrKey}/stripe", openMeter("", "{\"stripeCustomerId\":\"cus_intruder\"}"));
        m.put("POST /api/v1/customers/{customerIdOrKey}/stripe/portal", openMeter("", "{}"));
        m.put("POST /api/v1/stripe/checkout/sessions", openMeter("", "{\"customer\":{\"id\":\"{A.customerIdOrKey}\"},\"options\":{}}"));
        // OpenMeter answers 204 whatever matched: the check is that A's token still works afterwards
        m.put("POST /api/v1/portal/tokens/invalidate", new Call("", "{\"id\":\"{A.portalTokenId}\"}",
                credential -> credential.equals("service token") ? 403 : 204));
        m.put("GET /api/v1/subjects/{subjectIdOrKey}", openMeter("", null));
        m.put("DELETE /api/v1/subjects/{subjectIdOrKey}", openMeter("", null));
        String metered = "{\"type\":\"metered\",\"featureKey\":\"{B.featureKeyOwn}\",\"usagePeriod\":{\"interval\":\"MONTH\"}}";
        String grant = "{\"amount\":5,\"effectiveAt\":\"" + now + "\"}";
        for (String base : List.of("/api/v1/subjects/{subjectIdOrKey}/entitlements", "/api/v2/customers/{customerIdOrKey}/entitlements")) {
            m.put("POST " + base, openMeter("", metered));
            m.put("GET " + base, openMeter("", null));
        }
        m.put("GET /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementIdOrFeatureKey}/grants", openMeter("", null));
        m.put("POST /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementIdOrFeatureKey}/grants", openMeter("", grant));
        m.put("PUT /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementIdOrFeatureKey}/override", openMeter("", metered));
        m.put("GET /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementIdOrFeatureKey}/value", openMeter("", null));
        m.put("GET /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementId}", openMeter("", null));
        m.put("DELETE /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementId}", openMeter("", null));
        m.put("GET /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementId}/history", openMeter("?windowSize=DAY", null));
        m.put("POST /api/v1/subjects/{subjectIdOrKey}/entitlements/{entitlementId}/reset", openMeter("", "{}"));
        String v2 = "/api/v2/customers/{customerIdOrKey}/entitlements/{entitlementIdOrFeatureKey}";
        m.put("GET " + v2, openMeter("", null));
        m.put("DELETE " + v2, openMeter("", null));
        m.put("GET " + v2 + "/grants", openMeter("", null));
        m.put("POST " + v2 + "/grants", openMeter("", grant));
        m.put("GET " + v2 + "/history", openMeter("?windowSize=DAY", null));
        m.put("PUT " + v2 + "/override", openMeter("", metered));
        m.put("POST " + v2 + "/reset", openMeter("", "{}"));
        m.put("GET " + v2 + "/value", openMeter("", null));
        m.put("GET /api/v2/entitlements/{entitlementId}", openMeter("", null));
        // php-tenant
        m.put("GET /api/workspaces/{workspace}", call("", null));
        m.put("PUT /api/workspaces/{workspace}", call("", "{\"name\":\"intruder\"}"));
        m.put("DELETE /api/workspaces/{workspace}", call("", null));
        m.put("POST /api/workspaces/{workspace}/switch", call("", null));
        m.put("GET /api/v1/workspaces/{workspace}", call("", null));
        String hook = "/api/entitlement-webhooks/{webhook}";
        m.put("GET " + hook, call("", null));
        m.put("PUT " + hook, call("", "{\"name\":\"intruder\"}"));
        m.put("DELETE " + hook, call("", null));
        m.put("POST " + hook + "/test", call("", null));
        m.put("POST " + hook + "/regenerate-secret", call("", null));
        m.put("POST " + hook + "/reset-circuit-breaker", call("", null));
        m.put("GET " + hook + "/deliveries", call("", null));
        m.put("POST /api/entitlement-webhooks/deliveries/{delivery}/retry", call("", null));
        // OpenMeter's notification channels: another namespace's channel is unknown
        String channel = "/api/v1/notification/channels/{channelId}";
        m.put("GET " + channel, openMeter("", null));
        m.put("PUT " + channel, openMeter("", "{\"type\":\"WEBHOOK\",\"name\":\"intruder\",\"url\":\"http://127.0.0.1:9/intruder\"}"));
        m.put("DELETE " + channel, openMeter("", null));
        // a rule of B's may not send to A's channel: unknown to B, a bad channel (400)
        m.put("POST /api/v1/notification/rules", new Call("", "{\"type\":\"invoice.created\",\"name\":\"intruder\",\"channels\":[\"{A.channelId}\"]}",
                credential -> credential.equals("service token") ? 403 : 400));
        String rule = "/api/v1/notification/rules/{ruleId}";
        m.put("GET " + rule, openMeter("", null));
        m.put("PUT " + rule, openMeter("", "{\"type\":\"invoice.created\",\"name\":\"intruder\",\"channels\":[\"{B.channelId}\"]}"));
        m.put("DELETE " + rule, openMeter("", null));
        m.put("POST " + rule + "/test", openMeter("", null));
        m.put("GET /api/v1/notification/events/{eventId}", openMeter("", null));
        m.put("POST /api/v1/notification/events/{eventId}/resend", openMeter("", "{}"));
        // A billing partner provisions for a person named by email, into their current workspace (ADR 0014): B, a partner
        // too, may not take over A's workspace while it holds A's package (409), and B's other credentials are no partner's.
        m.put("POST /api/provisioning/entitlements", new Call("", "{\"email\":\"{A.email}\",\"name\":\"intruder\",\"product_code\":\"pro\","
                + "\"blesta_service_id\":\"svc-intruder\"}", partner(409)));
        m.put("GET /api/provisioning/entitlements/{id}", partnerCall("", null));
        m.put("POST /api/provisioning/entitlements/{id}/suspend", partnerCall("", "{\"reason\":\"intruder\"}"));
        m.put("POST /api/provisioning/entitlements/{id}/unsuspend", partnerCall("", null));
        m.put("POST /api/provisioning/entitlements/{id}/cancel", partnerCall("", "{\"reason\":\"intruder\"}"));
        m.put("POST /api/provisioning/entitlements/{id}/renew", partnerCall("", "{\"expires_at\":\"2099-12-01T00:00:00Z\"}"));
        m.put("GET /api/v1/entitlements/check", partnerCall("?feature=max_projects&email={A.email}", null));
        m.put("POST /api/v1/entitlements/usage", partnerCall("", "{\"email\":\"{A.email}\",\"feature\":\"queries_per_day\",\"quantity\":1}"));
        m.put("GET /api/entitlements/summary/{workspace}", new Call("", null, UNKNOWN_TO_SCOPED));
        // Lists filtered by one of A's ids. These operations document no 404: a customer the filter must resolve that is
        // not in B's namespace is B's bad input (400); customerIds only narrow the list, so A's match nothing (200, empty).
        Refusal badFilter = credential -> credential.equals("service token") ? 403 : 400;
        m.put("GET /api/v1/events", new Call("?customerId={A.customerIdOrKey}", null, badFilter));
        m.put("GET /api/v2/events", new Call("?filter=" + URLEncoder.encode("{\"customerId\":{\"$in\":[\"{A.customerIdOrKey}\"]}}",
                StandardCharsets.UTF_8), null, badFilter));
        m.put("GET /api/v2/entitlements", new Call("?customerIds={A.customerIdOrKey}", null,
                credential -> credential.equals("service token") ? 403 : 200));
        m.put("GET /api/v2/grants", new Call("?customer={A.customerIdOrKey}", null, badFilter));
        return m;
    }

    /**
     * Tollgate's own routes (not in operations.tsv) and identifiers of A in a body or query of B's own resource, with
     * the one status each must answer B's owner JWT and B's API key: A's organization, key, invitation, add-on or
     * customer is unknown to B (404; createPlanAddon and queryMeter document it); an invitation belongs to a signed-in
     * person, so an API key is refused before any lookup (403).
     */
    static List<String[]> extraCalls() {
        return List.of(
                new String[] {"POST", "/v1/api-keys", "{\"org_id\":\"{A.org_id}\",\"name\":\"intruder\",\"scopes\":[\"meters.read\"]}", "404 404"},
                new String[] {"GET", "/v1/api-keys?org_id={A.org_id}", null, "404 404"},
                new String[] {"DELETE", "/v1/api-keys/{A.key_id}?org_id={A.org_id}", null, "404 404"},
                new String[] {"DELETE", "/v1/api-keys/{A.key_id}?org_id={B.org_id}", null, "404 404"},
                new String[] {"POST", "/v1/invitations", "{\"org_id\":\"{A.org_id}\",\"email\":\"{B.email}\",\"role\":\"admin\"}", "404 404"},
                new String[] {"GET", "/v1/invitations?org_id={A.org_id}", null, "404 404"},
                new String[] {"POST", "/v1/invitations/{A.invitation_id}/accept", null, "404 403"},
                new String[] {"DELETE", "/v1/invitations/{A.invitation_id}", null, "404 404"},
                new String[] {"POST", "/api/v1/plans/{B.planId}/addons", "{\"addonId\":\"{A.addonId}\",\"fromPlanPhase\":\"main\",\"maxQuantity\":2}",
                        "404 404"},
                new String[] {"GET", "/api/v1/meters/{B.meterIdOrSlug}/query?filterCustomerId={A.customerIdOrKey}", null, "404 404"},
                new String[] {"POST", "/api/v1/meters/{B.meterIdOrSlug}/query", "{\"filterCustomerId\":[\"{A.customerIdOrKey}\"]}", "404 404"});
    }

    /** Which credentials of B apply to an operation. */
    List<Map.Entry<String, String[]>> credentials(Operation op) {
        List<Map.Entry<String, String[]>> kinds = new ArrayList<>();
        if (op.servedAt().startsWith("/api/v1/portal/meters/")) {
            kinds.add(Map.entry("portal token", b.portalToken));
            return kinds;
        }
        // Every route takes every kind of credential (CallerArgumentBinder), so each kind is tried everywhere, not only
        // where its document expects it (the session cookie on php-tenant, service tokens on PlanetScale).
        kinds.add(Map.entry("owner JWT", b.jwt));
        kinds.add(Map.entry("API key", b.apiKey));
        kinds.add(Map.entry("session cookie", b.cookie));
        kinds.add(Map.entry("service token", b.serviceToken));
        return kinds;
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    /** The path with each placeholder filled, the first {@code fromB} of them from B and the rest from A. */
    String fill(Operation op, int fromB) {
        Matcher matcher = PLACEHOLDER.matcher(op.servedAt());
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            Tenant owner = index++ < fromB ? b : a;
            String name = matcher.group(1);
            if (name.equals("id")) {
                name = op.servedAt().startsWith("/api/provisioning/") ? "packageId" : op.servedAt().startsWith("/api/v1/apps/") ? "appId"
                        : op.servedAt().startsWith("/api/v1/billing/profiles/") ? "billingProfileId"
                        : op.servedAt().startsWith("/workspace/api/v1/") ? "supportIssueId" : "progressId";
            }
            String value = owner.ids.get(name);
            if (value == null) {
                throw new AssertionError("no value for {" + name + "} in " + op.key());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    String substitute(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("\\{([AB])\\.([A-Za-z_]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Tenant t = matcher.group(1).equals("A") ? a : b;
            String name = matcher.group(2);
            String value = switch (name) {
                case "email" -> t.account.email();
                case "tag" -> t.tag;
                default -> t.ids.get(name);
            };
            if (value == null) {
                throw new AssertionError("no value for " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Test
    void everyImplementedOperationIsCoveredOrDeliberatelyLeftOut() {
        Map<String, Call> matrix = matrix();
        List<String> unaccounted = new ArrayList<>();
        for (Operation op : implementedOperations()) {
            boolean covered = matrix.containsKey(op.key()) || NAMESPACE_LISTS.contains(op.key());
            if (!covered && !NOT_COVERED.containsKey(op.key())) {
                unaccounted.add(op.key() + " (" + op.seed() + " " + op.operationId() + ")");
            }
        }
        assertEquals(List.of(), unaccounted, "implemented operations neither in the cross-tenant matrix nor in NOT_COVERED");
        // and no entry is a typo or a stale path that would silently be skipped
        Set<String> implemented = new HashSet<>(implementedOperations().stream().map(Operation::key).toList());
        List<String> unknown = new ArrayList<>();
        for (String key : matrix.keySet()) {
            if (!implemented.contains(key)) {
                unknown.add(key);
            }
        }
        NAMESPACE_LISTS.stream().filter(key -> !implemented.contains(key)).forEach(unknown::add);
        NOT_COVERED.keySet().stream().filter(key -> !implemented.contains(key) || matrix.containsKey(key)).forEach(unknown::add);
        assertEquals(List.of(), unknown, "matrix, NAMESPACE_LISTS or NOT_COVERED entries that are no implemented operation (or are both covered and not)");
    }

    @Test
    void anotherTenantNeverReachesAsResources() {
        a = new Tenant("alpha");
        b = new Tenant("bravo");
        a.build();
        b.build();
        environment.addPropertySource(PropertySource.of("cross-tenant-partners",
                Map.of("tollgate.provisioning.partners", a.account.orgId() + "," + b.account.orgId())));
        a.providePackage();
        b.providePackage();
        a.provideWebhook();
        b.provideWebhook();

        Map<String, String> before = snapshot();
        Set<String> secrets = a.secrets();
        Map<String, Call> matrix = matrix();
        List<Operation> ops = new ArrayList<>(implementedOperations());
        // Deletions last, so that a leaking deletion does not hide the other operations' leaks.
        ops.sort((x, y) -> Boolean.compare(x.method().equals("DELETE"), y.method().equals("DELETE")));
        for (Operation op : ops) {
            if (NAMESPACE_LISTS.contains(op.key()) && !matrix.containsKey(op.key())) {
                boolean answered = false;
                for (Map.Entry<String, String[]> credential : credentials(op)) {
                    Exchange exchange = http.send(op.method(), op.servedAt(), null, credential.getValue());
                    calls++;
                    answered |= exchange.status() / 100 == 2;
                    checkNoLeak(op, credential.getKey(), exchange, secrets, op.servedAt());
                }
                if (!answered) {
                    failures.add(op.key() + ": no credential of B got a list to look into");
                }
                continue;
            }
            Call call = matrix.get(op.key());
            if (call == null) {
                continue;
            }
            int placeholders = (int) PLACEHOLDER.matcher(op.servedAt()).results().count();
            List<String> paths = new ArrayList<>();
            paths.add(fill(op, 0));
            // B's own parent with A's child: the parent's authorization must not carry over to another tenant's child.
            if (placeholders >= 2 && !op.servedAt().endsWith("/{groupByKey}/values")
                    && VALUE_PLACEHOLDERS.stream().noneMatch(v -> op.servedAt().contains("{" + v + "}"))) {
                paths.add(fill(op, 1));
            }
            for (String path : paths) {
                String target = path + substitute(call.query());
                String body = substitute(call.body());
                for (Map.Entry<String, String[]> credential : credentials(op)) {
                    Exchange exchange = http.send(op.method(), target, body, credential.getValue());
                    calls++;
                    String label = op.key() + " as B's " + credential.getKey() + " -> " + target;
                    // OpenMeter's value of a feature the (own) customer has no entitlement for: no access, nothing of A's
                    boolean noAccessValue = !path.equals(paths.get(0)) && NO_ACCESS_VALUES.contains(op.key())
                            && !credential.getKey().equals("service token");
                    Refusal refusal = path.equals(paths.get(0)) ? call.refusal() : call.underOwnParent();
                    int expected = noAccessValue ? 200 : refusal.status(credential.getKey());
                    boolean ok = exchange.status() == expected && (!noAccessValue || exchange.body().equals("{\"hasAccess\":false}"));
                    if (!ok) {
                        failures.add(label + ": expected " + expected + ", got " + exchange.status() + " " + abbreviate(exchange.body()));
                    }
                    checkNoLeak(op, credential.getKey(), exchange, secrets, target + " " + Objects.requireNonNullElse(body, ""));
                }
            }
        }
        Operation extra = new Operation("tollgate", "*", "extra", "extra");
        for (String[] c : extraCalls()) {
            String target = substitute(c[1]);
            String body = substitute(c[2]);
            String[] expected = c[3].split(" ");
            List<String[]> credentials = List.of(b.jwt, b.apiKey);
            for (int i = 0; i < credentials.size(); i++) {
                Exchange exchange = http.send(c[0], target, body, credentials.get(i));
                calls++;
                if (exchange.status() != Integer.parseInt(expected[i])) {
                    failures.add(c[0] + " " + target + " " + Objects.requireNonNullElse(body, "") + " as B's " + (i == 0 ? "JWT" : "API key")
                            + ": expected " + expected[i] + ", got " + exchange.status() + " " + abbreviate(exchange.body()));
                }
                checkNoLeak(extra, "credential", exchange, secrets, target + " " + Objects.requireNonNullElse(body, ""));
            }
        }
        System.out.println("CrossTenantMatrixTest: " + calls + " (operation x credential) calls made with B's credentials on A's identifiers");

        // A's resources read back unchanged, and A's credentials still work.
        Map<String, String> after = snapshot();
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!e.getValue().equals(after.get(e.getKey()))) {
                failures.add("A's data changed: " + e.getKey() + "\n  before: " + abbreviate(e.getValue()) + "\n  after:  "
                        + abbreviate(after.get(e.getKey())));
            }
        }
        http.get("/api/v1/portal/meters/" + a.ids.get("meterSlug") + "/query", a.portalToken).expect(200);
        http.get(a.org() + "/members", a.serviceToken).expect(200);
        // B's refused verifications did not spend A's per-domain DNS budget
        http.post("/v1/projects/" + a.ids.get("project_id") + "/domains/" + a.ids.get("domain_id") + "/verify", null, a.jwt).expect(200);
        http.get("/api/v1/meters", a.apiKey).expect(200);
        if (!failures.isEmpty()) {
            fail(failures.size() + " cross-tenant failures:\n" + String.join("\n", failures));
        }
    }

    private void checkNoLeak(Operation op, String credential, Exchange exchange, Set<String> secrets, String request) {
        String body = Objects.requireNonNullElse(exchange.body(), "").toLowerCase();
        String sent = request.toLowerCase();
        for (String secret : secrets) {
            String s = secret.toLowerCase();
            if (!sent.contains(s) && body.contains(s)) {
                failures.add(op.key() + " as B's " + credential + " -> " + request + ": the answer (" + exchange.status()
                        + ") carries A's '" + secret + "': " + abbreviate(exchange.body()));
            }
        }
    }

    /** A's resources as A reads them. */
    private Map<String, String> snapshot() {
        Map<String, String[]> reads = new LinkedHashMap<>();
        String p = "/v1/projects/" + a.ids.get("project_id");
        reads.put(p, a.jwt);
        reads.put(p + "/databases", a.jwt);
        reads.put(p + "/domains", a.jwt);
        reads.put("/v1/projects?org_id=" + a.account.orgId(), a.jwt);
        reads.put("/v1/databases/" + a.ids.get("database_id") + "/replicas", a.jwt);
        reads.put("/v1/organizations/" + a.account.orgId() + "/plan", a.jwt);
        reads.put(a.org(), a.jwt);
        reads.put(a.org() + "/databases", a.jwt);
        reads.put(a.org() + "/databases/" + a.ids.get("database") + "/branches", a.jwt);
        reads.put(a.org() + "/databases/" + a.ids.get("database") + "/branches/main/passwords", a.jwt);
        reads.put(a.org() + "/databases/" + a.ids.get("database") + "/branches/main/bouncers", a.jwt);
        reads.put(a.org() + "/databases/" + a.ids.get("database") + "/postgres-cidrs", a.jwt);
        reads.put(a.org() + "/members", a.jwt);
        reads.put(a.org() + "/teams", a.jwt);
        reads.put(a.org() + "/service-tokens", a.jwt);
        reads.put(a.org() + "/service-tokens/" + a.ids.get("service_token_id") + "/accesses", a.jwt);
        reads.put("/workspace/api/v1/" + a.account.orgSlug(), a.jwt);
        reads.put("/api/workspaces/" + a.account.orgNumber(), a.cookie);
        reads.put("/api/provisioning/entitlements/" + a.ids.get("packageId"), a.apiKey);
        reads.put("/api/v1/meters", a.jwt);
        reads.put("/api/v1/features?includeArchived=true", a.jwt);
        reads.put("/api/v1/customers?includeDeleted=true", a.jwt);
        reads.put("/api/v1/subjects", a.jwt);
        reads.put("/api/v1/plans?includeDeleted=true", a.jwt);
        reads.put("/api/v1/addons?includeDeleted=true", a.jwt);
        reads.put("/api/v1/plans/" + a.ids.get("planId") + "/addons", a.jwt);
        reads.put("/api/v2/customers/" + a.ids.get("customerIdOrKey") + "/entitlements?includeDeleted=true", a.jwt);
        reads.put("/api/v2/customers/" + a.ids.get("customerIdOrKey") + "/entitlements/" + a.ids.get("entitlementId")
                + "/grants?includeDeleted=true", a.jwt);
        reads.put("/api/v1/portal/tokens", a.jwt);
        reads.put("/api/v1/notification/channels?includeDeleted=true&includeDisabled=true", a.jwt);
        reads.put("/api/v1/notification/rules?includeDeleted=true&includeDisabled=true", a.jwt);
        reads.put("/api/v1/entitlements/check?feature=queries_per_day&email=" + a.account.email(), a.apiKey);
        reads.put("/api/entitlements/summary", a.cookie);
        reads.put("/workspace/api/v1/" + a.account.orgSlug() + "/capabilities", a.jwt);
        Map<String, String> snapshot = new LinkedHashMap<>();
        reads.forEach((path, credential) -> {
            snapshot.put(path, http.get(path, credential).expect(200).body());
        });
        return snapshot;
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "null";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** Operations of operations.tsv that the build declares (the modules' generated OpenAPI), like tools/op-coverage. */
    static List<Operation> implementedOperations() {
        Set<String> declared = new HashSet<>();
        try {
            ClassLoader loader = CrossTenantMatrixTest.class.getClassLoader();
            List<String> names = new ArrayList<>(List.of("META-INF/swagger/tollgate.yml"));
            for (String module : List.of("tenancy", "catalog", "metering", "entitlements", "billing", "proxy", "webhooks")) {
                names.add("META-INF/swagger/modules/" + module + ".yml");
            }
            for (String name : names) {
                Enumeration<URL> urls = loader.getResources(name);
                while (urls.hasMoreElements()) {
                    try (InputStream in = urls.nextElement().openStream()) {
                        Map<String, Object> doc = new Yaml().load(in);
                        @SuppressWarnings("unchecked")
                        Map<String, Map<String, Object>> paths = doc == null ? null : (Map<String, Map<String, Object>>) doc.get("paths");
                        if (paths != null) {
                            paths.forEach((path, item) -> item.keySet().forEach(method -> declared.add(method.toUpperCase() + " " + norm(path))));
                        }
                    }
                }
            }
            List<Operation> ops = new ArrayList<>();
            for (String line : Files.readAllLines(operationsTsv())) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("seed") || f.length < 5) {
                    continue;
                }
                if (declared.contains(f[1] + " " + norm(f[2]))) {
                    ops.add(new Operation(f[0], f[1], f[2], f[4]));
                }
            }
            assertTrue(ops.size() > 100, "implemented operations found: " + ops.size() + " (is the generated OpenAPI on the classpath?)");
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String norm(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.replaceAll("\\{[^}]*}", "{}");
    }

    static Path operationsTsv() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs/api/operations.tsv");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/api/operations.tsv not found");
    }
}
