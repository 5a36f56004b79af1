package dev.tollgate.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP tests: a fresh database (via {@link TestDatabase}) and {@link #http}, a client for the running
 * server. Subclasses add {@code @MicronautTest(transactional = false)}, so that the data a test writes is visible to
 * the requests it makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpTest implements TestDatabase {
    protected TestHttp http;
    private EmbeddedServer server;

    @Inject
    public void setServer(EmbeddedServer server) {
        this.server = server;
    }

    @BeforeAll
    void connect() {
        http = new TestHttp(server.getURI());
    }

    /** Signs up a new user with a new organization; returns the owner's JWT (which acts in that organization). */
    protected String signUpOwner() {
        return http.post("/v1/auth/signup", "{\"email\":\"owner-" + java.util.UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery\"}").expect(201).json().get("access_token").asText();
    }
}
