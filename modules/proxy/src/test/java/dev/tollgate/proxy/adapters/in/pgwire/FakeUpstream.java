package dev.tollgate.proxy.adapters.in.pgwire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL server that misbehaves on purpose: after the startup (declining TLS), it sends one scripted reply and
 * then keeps the connection open, silent. For upstreams that ask for too much or lie about authentication.
 */
final class FakeUpstream implements AutoCloseable {
    /** What the server says after the client's StartupMessage; null says nothing at all. */
    interface Script {
        void reply(DataOutputStream out, DataInputStream in) throws IOException;
    }

    private final ServerSocket server;
    final AtomicInteger passwordsReceived = new AtomicInteger();

    FakeUpstream(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> serve(socket, script), "fake-upstream-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            int length = in.readInt();
            int code = in.readInt();
            if (code == 80877103) { // SSLRequest: no TLS here
                out.writeByte('N');
                out.flush();
                length = in.readInt();
                in.readInt();
            }
            in.readFully(new byte[length - 8]);
            if (script != null) {
                script.reply(out, in);
                out.flush();
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'p') {
                    passwordsReceived.incrementAndGet();
                }
            }
        } catch (IOException gone) {
            // the proxy hung up: expected
        }
    }

    static void authentication(DataOutputStream out, int code, byte[] payload) throws IOException {
        out.writeByte('R');
        out.writeInt(8 + payload.length);
        out.writeInt(code);
        out.write(payload);
    }

    /** Reads the proxy's SASLInitialResponse and returns its client-first message ("n,,n=,r=..."). */
    static String readSaslInitial(DataInputStream in) throws IOException {
        byte[] body = readPasswordMessage(in);
        String text = new String(body, StandardCharsets.UTF_8);
        return text.substring(text.indexOf("n,,"));
    }

    /** Reads the proxy's SASLResponse and returns its client-final message ("c=biws,r=...,p=..."). */
    static String readSaslResponse(DataInputStream in) throws IOException {
        return new String(readPasswordMessage(in), StandardCharsets.UTF_8);
    }

    private static byte[] readPasswordMessage(DataInputStream in) throws IOException {
        int type = in.read();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (type != 'p') {
            throw new IOException("expected a password message, got " + (char) type);
        }
        return body;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
