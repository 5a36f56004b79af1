package dev.tollgate.proxy.adapters.out.dns;

import dev.tollgate.proxy.application.port.out.DnsTxtLookup;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/**
 * TXT lookups with the JDK's DNS client (JNDI's DNS provider), against {@code tollgate.dns.server} (host:port) or,
 * when unset, the system's resolvers, with short timeouts. A record's character strings come back as the client
 * renders them (quoted when they hold spaces, joined by spaces); {@code CustomDomain.provenBy} compares accordingly.
 */
@Singleton
final class JndiDnsTxtLookup implements DnsTxtLookup {
    private final String server;

    JndiDnsTxtLookup(@Value("${tollgate.dns.server:}") String server) {
        this.server = server.isBlank() ? "" : "//" + server.strip();
    }

    @Override
    public List<String> txt(String host) throws LookupFailed {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns:" + server);
        env.put("com.sun.jndi.dns.timeout.initial", "1000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        InitialDirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(host, new String[] {"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                for (NamingEnumeration<?> e = txt.getAll(); e.hasMore(); ) {
                    values.add(String.valueOf(e.next()));
                }
            }
            return values;
        } catch (NameNotFoundException noSuchName) {
            return List.of();
        } catch (NamingException e) {
            // The resolver's own message may name internal addresses: the caller gets only what went wrong.
            throw new LookupFailed(e instanceof javax.naming.CommunicationException ? "no answer from DNS" : "the DNS lookup failed", e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held open
                }
            }
        }
    }
}
