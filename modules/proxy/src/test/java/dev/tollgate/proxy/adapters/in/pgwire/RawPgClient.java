package dev.tollgate.proxy.adapters.in.pgwire;

import dev.tollgate.proxy.domain.Scram;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A PostgreSQL frontend that says exactly the bytes a test wants, for what real drivers never send. */
public final class RawPgClient implements AutoCloseable {
    record Message(char type, byte[] body) {
        /** An ErrorResponse's field, e.g. 'C' for the SQLSTATE or 'M' for the message. */
        String field(char code) {
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\0" + code);
            if (at < 0 && text.startsWith(String.valueOf(code))) {
                at = -1;
            } else if (at < 0) {
                return null;
            }
            int start = at + 2;
            return text.substring(start, text.indexOf('\0', start));
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawPgClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public static byte[] startupPacket(Map<String, String> parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parameters.forEach((k, v) -> {
            body.writeBytes((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8));
        });
        body.write(0);
        byte[] bytes = body.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(packet);
        try {
            data.writeInt(bytes.length + 8);
            data.writeInt(196608);
            data.write(bytes);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return packet.toByteArray();
    }

    RawPgClient startup(Map<String, String> parameters) throws IOException {
        return send(startupPacket(parameters));
    }

    RawPgClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A typed message: type, then a length that counts itself, then the body. */
    RawPgClient message(char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
        return this;
    }

    Message read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the proxy closed the connection");
        }
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        return new Message((char) type, body);
    }

    /** Logs in with SCRAM-SHA-256 like a driver would and reads up to the first ReadyForQuery. */
    static RawPgClient loggedIn(int port, String user, String database, String password) throws IOException {
        RawPgClient client = new RawPgClient(port).startup(Map.of("user", user, "database", database));
        expectAuthentication(client.read(), 10); // AuthenticationSASL
        Scram.ClientExchange scram = new Scram.ClientExchange();
        byte[] clientFirst = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream initial = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(initial);
        data.write((Scram.MECHANISM + "\0").getBytes(StandardCharsets.UTF_8));
        data.writeInt(clientFirst.length);
        data.write(clientFirst);
        client.message('p', initial.toByteArray());
        Message continued = client.read();
        expectAuthentication(continued, 11); // AuthenticationSASLContinue
        Scram.Challenge challenge = scram.challenge(new String(continued.body(), 4, continued.body().length - 4, StandardCharsets.UTF_8));
        String clientFinal = scram.clientFinal(challenge, Scram.saltedPassword(password, challenge.salt(), challenge.iterations()));
        client.message('p', clientFinal.getBytes(StandardCharsets.UTF_8));
        for (Message m = client.read(); m.type() != 'Z'; m = client.read()) {
            if (m.type() == 'E') {
                throw new IOException("login refused: " + m.field('M'));
            }
        }
        return client;
    }

    private static void expectAuthentication(Message m, int code) throws IOException {
        if (m.type() != 'R' || java.nio.ByteBuffer.wrap(m.body()).getInt() != code) {
            throw new IOException("expected Authentication " + code + ", got '" + m.type() + "'");
        }
    }

    /** Reads until an ErrorResponse and returns it (fails on EOF). */
    Message readError() throws IOException {
        Message m = read();
        while (m.type() != 'E') {
            m = read();
        }
        return m;
    }

    /** True when the proxy closed the connection (reads EOF within the socket timeout). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
