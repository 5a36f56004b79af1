package dev.tollgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.TestHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

/** Queries through the proxy, and what PgBeam's usage says of them, for the tests that watch them metered and billed. */
final class ProxyTraffic {
    private ProxyTraffic() {
    }

    /** {@code count} one-row SELECTs on a project's database as its registered {@code postgres} user, over plain TCP. */
    static void selects(int proxyPort, String projectId, String password, int count) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + projectId);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxyPort + "/postgres", login);
             Statement s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                s.execute("SELECT " + i);
            }
        }
    }

    /** The project's usage today (UTC) as PgBeam's GetProjectUsage reports it, summed over regions: the row's field. */
    static long today(TestHttp http, String projectId, String field, String... auth) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long total = 0;
        for (JsonNode row : http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today, auth).expect(200)
                .json().get("usage")) {
            total += row.get(field).asLong();
        }
        return total;
    }
}
