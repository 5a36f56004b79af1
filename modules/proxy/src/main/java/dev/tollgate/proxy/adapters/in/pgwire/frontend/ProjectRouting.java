package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * Which project a client without TLS SNI means: {@code options=project=<id>} (also {@code -c project=<id>},
 * {@code -cproject=<id>} or {@code --project=<id>}, the forms PostgreSQL itself accepts for a setting), or the user
 * form {@code <user>.<project id>}. The user form is stripped to the real upstream user name. A TLS client's SNI host
 * name, when it gives one, names the project by its proxy_host. A managed branch's bouncer is named the same ways:
 * {@code options=bouncer=<name>} or the user form {@code <user>|<bouncer>} (ADR 0056).
 */
final class ProjectRouting {
    /** @param bouncer the bouncer the client asks for, or null */
    record Target(String user, String projectId, String bouncer) {
    }

    private ProjectRouting() {
    }

    static Target from(String user, String options) {
        String fromOptions = fromOptions(options, "project=");
        String bouncer = fromOptions(options, "bouncer=");
        String name = user;
        String project = fromOptions;
        int dot = name.lastIndexOf(".prj_");
        if (dot > 0) {
            project = fromOptions != null ? fromOptions : name.substring(dot + 1);
            name = name.substring(0, dot);
        }
        int bar = name.indexOf('|');
        if (bar > 0) {
            bouncer = bouncer != null ? bouncer : name.substring(bar + 1);
            name = name.substring(0, bar);
        }
        return new Target(name, project, bouncer);
    }

    private static String fromOptions(String options, String key) {
        if (options == null) {
            return null;
        }
        for (String token : options.trim().split("\\s+")) {
            // "--name=value" and "-cname=value" are what "-c name=value" is without its space, as for postgres itself.
            String t = token.startsWith("--") ? token.substring(2) : token.startsWith("-c") ? token.substring(2) : token;
            if (t.startsWith(key)) {
                return t.substring(key.length());
            }
        }
        return null;
    }

    /** The host name a TLS client asked for (SNI), which names the project by its proxy_host. */
    static String sniHost(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null && ssl.engine().getSession() instanceof ExtendedSSLSession session) {
            for (SNIServerName name : session.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }
}
