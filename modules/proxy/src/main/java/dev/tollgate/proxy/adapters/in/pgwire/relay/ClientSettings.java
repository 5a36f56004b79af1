package dev.tollgate.proxy.adapters.in.pgwire.relay;

import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerConnection;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a client chose (application_name, TimeZone, ... at startup or with SET) that go with it to every
 * server it is given: what it is told at login, the SQL that brings a server to them, and what a server still has
 * after a reset.
 */
final class ClientSettings {
    /** The settings PostgreSQL reports to clients that a client may choose at startup, and that the proxy carries over. */
    static final List<String> TRACKED = List.of("application_name", "client_encoding", "DateStyle", "IntervalStyle", "TimeZone",
            "extra_float_digits", "search_path", "standard_conforming_strings");

    private final ServerPool pool;
    /** The client's value of each tracked setting; absent = the server's default. */
    private final Map<String, String> wanted = new HashMap<>();
    /** {@link #fingerprint()}, until a setting changes. */
    private String fingerprint;
    /** The pool's object for this fingerprint ({@link ServerPool#settingsProfile}), until a setting changes. */
    private Object profile;

    ClientSettings(ServerPool pool, Map<String, String> startup) {
        this.pool = pool;
        startup.forEach((name, value) -> TRACKED.stream().filter(name::equalsIgnoreCase).findFirst()
                .ifPresent(canonical -> wanted.put(canonical, value)));
    }

    /**
     * Tells the client it is logged in: AuthenticationOk, the settings as {@code reported} by a server (its own choice
     * where it made one), what {@code loggedIn} adds (BackendKeyData), ReadyForQuery.
     */
    void welcome(Channel client, Map<String, String> reported, Runnable loggedIn) {
        client.write(PgWire.authentication(client.alloc(), 0, new byte[0]));
        reported.forEach((name, value) -> client.write(PgWire.parameterStatus(client.alloc(), name, wanted.getOrDefault(name, value))));
        loggedIn.run();
        client.writeAndFlush(PgWire.readyForQuery(client.alloc(), 'I'));
    }

    /**
     * The client's tracked settings as one string, in a fixed order: part of its result cache keys (ADR 0059), since
     * search_path, TimeZone, DateStyle and the like change what a query returns or how it is written.
     */
    String fingerprint() {
        if (fingerprint == null) {
            StringBuilder all = new StringBuilder();
            for (String name : TRACKED) {
                String value = wanted.get(name);
                if (value != null) {
                    all.append(name).append('=').append(value).append('\0');
                }
            }
            fingerprint = all.toString();
        }
        return fingerprint;
    }

    /** A ParameterStatus passed to the client: a tracked setting it changed (SET TimeZone, say) is what it wants now. */
    void remember(ByteBuf parameterStatus) {
        int body = parameterStatus.readerIndex() + 5;
        String name = PgWire.cStringAt(parameterStatus, body);
        if (TRACKED.contains(name)) {
            wanted.put(name, PgWire.cStringAt(parameterStatus, PgWire.afterCString(parameterStatus, body)));
            fingerprint = null;
            profile = null;
        }
    }

    /**
     * The SQL that brings {@code granted}'s settings to what this client expects, or null when they already are;
     * what the server will have is noted on it.
     */
    String sqlFor(ServerConnection granted) {
        if (profile == null) {
            profile = pool.settingsProfile(fingerprint());
        }
        if (granted.settingsProfile() == profile) {
            return null; // brought to these very settings before, and nothing changed them since
        }
        String sql = compare(granted);
        granted.settingsProfile(profile);
        return sql;
    }

    private String compare(ServerConnection granted) {
        Map<String, String> welcome = pool.welcome();
        Map<String, String> settings = granted.settings();
        StringBuilder sql = new StringBuilder();
        for (String name : TRACKED) {
            String want = wanted.get(name);
            String has = settings.get(name);
            boolean reported = welcome != null && welcome.containsKey(name);
            if (want == null && reported) {
                want = welcome.get(name); // what every client gets unless it chose otherwise
            }
            if (Objects.equals(want, has)) {
                continue;
            }
            if (want == null) {
                sql.append("RESET ").append(name).append(';');
                settings.remove(name);
            } else {
                sql.append("SELECT pg_catalog.set_config('").append(name).append("', '").append(want.replace("'", "''"))
                        .append("', false);");
                settings.put(name, want);
            }
        }
        return sql.isEmpty() ? null : sql.toString();
    }

    /** After a reset the server reports the settings that changed; the others are back to their defaults. */
    void forgetUnreported(ServerConnection released) {
        released.settingsProfile(null);
        Map<String, String> welcome = pool.welcome();
        for (String name : TRACKED) {
            if (welcome == null || !welcome.containsKey(name)) {
                released.settings().remove(name);
            }
        }
    }
}
