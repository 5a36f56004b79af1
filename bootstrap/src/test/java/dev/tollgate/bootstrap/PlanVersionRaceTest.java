package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Racing drafts and publications of one OpenMeter plan key: each round exactly one draft is created (the others are
 * told a draft exists), its version follows the last one, and however many publish it at once exactly one version is
 * active afterwards.
 */
@MicronautTest(transactional = false)
class PlanVersionRaceTest extends HttpTest {
    static final String PLAN = """
            {"key":"race","name":"Race","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
             "rateCards":[{"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
              "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}}]}]}""";
    static final int RACERS = 6;

    @Test
    void racingDraftsAndPublishesKeepVersionsSequentialAndOneActive() throws Exception {
        String[] auth = {"Authorization", "Bearer " + signUpOwner()};
        List<String> ids = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            List<TestHttp.Exchange> created = race(() -> http.post("/api/v1/plans", PLAN, auth));
            List<TestHttp.Exchange> drafts = created.stream().filter(e -> e.status() == 201).toList();
            assertEquals(1, drafts.size(), "one draft per round, statuses " + created.stream().map(TestHttp.Exchange::status).toList());
            for (TestHttp.Exchange refused : created) {
                if (refused.status() != 201) {
                    assertEquals(400, refused.status(), refused.body());
                    assertTrue(refused.conformsTo(OPENMETER).body().contains("plan_draft_exists"), refused.body());
                }
            }
            JsonNode draft = drafts.get(0).conformsTo(OPENMETER).json();
            assertEquals(round, draft.get("version").asInt(), "versions follow each other");
            String id = draft.get("id").asText();
            ids.add(id);

            List<TestHttp.Exchange> published = race(() -> http.post("/api/v1/plans/" + id + "/publish", null, auth));
            assertTrue(published.stream().anyMatch(e -> e.status() == 200), "statuses " + published.stream().map(TestHttp.Exchange::status).toList());
            for (TestHttp.Exchange answer : published) {
                answer.conformsTo(OPENMETER);
            }
            for (int v = 0; v < ids.size(); v++) {
                String status = http.get("/api/v1/plans/" + ids.get(v), auth).expect(200).conformsTo(OPENMETER).json().get("status").asText();
                assertEquals(v == ids.size() - 1 ? "active" : "archived", status, "version " + (v + 1) + " after round " + round);
            }
        }
        assertEquals(3, http.get("/api/v1/plans/race", auth).expect(200).conformsTo(OPENMETER).json().get("version").asInt());
    }

    private List<TestHttp.Exchange> race(Callable<TestHttp.Exchange> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<TestHttp.Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<TestHttp.Exchange> answers = new ArrayList<>();
            for (Future<TestHttp.Exchange> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
