package dev.tollgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on a loopback UDP port that answers TXT queries from a table the test fills (RFC 1035 wire format):
 * the names it holds get their TXT records, every other name NXDOMAIN. Real DNS clients (the JDK's) query it, so a
 * test exercises the lookup as deployed; only the zone is the test's.
 */
public final class FakeDnsServer implements AutoCloseable {
    private static final int TYPE_TXT = 16;
    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread thread;

    /** A started server, for static fields of test classes (no checked exception to handle). */
    public static FakeDnsServer startOrFail() {
        try {
            return new FakeDnsServer();
        } catch (SocketException e) {
            throw new IllegalStateException("could not start the fake DNS server", e);
        }
    }

    public FakeDnsServer() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** host:port, for a resolver setting. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public void publishTxt(String name, String... values) {
        txt.put(name.toLowerCase(Locale.ROOT), List.of(values));
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(query.getData(), query.getLength());
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The response to one query: its header and question echoed, with TXT answers or NXDOMAIN. */
    private byte[] answer(byte[] q, int length) {
        int at = 12;
        StringBuilder name = new StringBuilder();
        while (q[at] != 0) {
            int label = q[at] & 0xff;
            name.append(name.length() == 0 ? "" : ".").append(new String(q, at + 1, label, StandardCharsets.US_ASCII));
            at += label + 1;
        }
        int questionEnd = at + 5; // the root label, QTYPE, QCLASS
        int type = ((q[at + 1] & 0xff) << 8) | (q[at + 2] & 0xff);
        List<String> values = txt.get(name.toString().toLowerCase(Locale.ROOT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]); // the query's id
        boolean found = values != null;
        out.write(0x81); // QR, opcode 0, RD
        out.write(found ? 0x80 : 0x83); // RA; NOERROR or NXDOMAIN
        writeShort(out, 1); // QDCOUNT
        writeShort(out, found && type == TYPE_TXT ? values.size() : 0); // ANCOUNT
        writeShort(out, 0);
        writeShort(out, 0);
        out.write(q, 12, questionEnd - 12);
        if (found && type == TYPE_TXT) {
            for (String value : values) {
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                writeShort(out, 0xC00C); // the name: a pointer to the question's
                writeShort(out, TYPE_TXT);
                writeShort(out, 1); // IN
                writeShort(out, 0);
                writeShort(out, 60); // TTL
                writeShort(out, text.length + 1);
                out.write(text.length);
                out.write(text, 0, text.length);
            }
        }
        return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    @Override
    public void close() {
        socket.close();
    }
}
