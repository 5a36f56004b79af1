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
 * when unset, the system's resolvers. Short timeouts: a verification waits for DNS with a connection held.
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
                    values.add(unquote(String.valueOf(e.next())));
                }
            }
            return values;
        } catch (NameNotFoundException noSuchName) {
            return List.of();
        } catch (NamingException e) {
            throw new LookupFailed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
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

    /** JNDI renders a TXT record's character strings quoted and space-separated when there are several; one is joined. */
    private static String unquote(String value) {
        String v = value.strip();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            return v.substring(1, v.length() - 1).replace("\" \"", "");
        }
        return v;
    }
}
