import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens many idle PostgreSQL client connections and keeps them open, for bench/proxy/run.sh's measurement of the
 * memory a proxy needs per idle client. JDK only, so it runs as a single-file source program without a build:
 *
 * <pre>java bench/proxy/IdleClients.java host port user password database count</pre>
 *
 * Each connection logs in with SCRAM-SHA-256 (RFC 5802 / RFC 7677, no channel binding) and waits for ReadyForQuery.
 * Output, for the script to follow: progress every 1,000 connections, then {@code OPEN <count> <seconds>} once all are
 * open, then {@code ALIVE <n>} after a {@code SELECT 1} on up to 100 of them spread over the set. It then holds the
 * connections until a line or EOF on stdin, closes them and exits 0. Any ErrorResponse or I/O failure exits non-zero.
 */
public final class IdleClients {
    private static final int THREADS = 8;
    private static final int TIMEOUT_MS = 30_000;
    private static final int PROBES = 100;
    private static final int PROTOCOL_3_0 = 196608;
    private static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** SaltedPassword per "salt,iterations": PBKDF2 is deliberately slow, and every login here gets the same salt. */
    private static final Map<String, byte[]> SALTED = new ConcurrentHashMap<>();

    private IdleClients() {
    }

    /** A server-sent ErrorResponse (or a protocol violation): reported with its SQLSTATE and message, then exit 1. */
    static final class ServerError extends Exception {
        ServerError(String message) {
            super(message);
        }
    }

    /** One open connection; the buffered streams are kept because a probe query reuses them later. */
    record Conn(Socket socket, DataInputStream in, DataOutputStream out) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java IdleClients.java host port user password database count");
            System.exit(64);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        String database = args[4];
        int count = Integer.parseInt(args[5]);

        Conn[] conns = new Conn[count];
        long started = System.nanoTime();
        openAll(conns, () -> connect(host, port, user, password, database));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("OPEN %d %.1f%n", count, seconds);
        System.out.flush();

        System.out.println("ALIVE " + probe(conns));
        System.out.flush();

        // Hold everything until the caller says so (a line) or goes away (EOF).
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        closeAll(conns);
        System.out.println("CLOSED " + count);
    }

    interface Opener {
        Conn open() throws Exception;
    }

    /** Opens conns.length connections on a small pool; the first failure stops the rest and ends the program. */
    private static void openAll(Conn[] conns, Opener opener) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger opened = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < conns.length; i++) {
            int slot = i;
            pool.execute(() -> {
                if (failure.get() != null) {
                    return;
                }
                try {
                    conns[slot] = opener.open();
                    int n = opened.incrementAndGet();
                    if (n % 1000 == 0) {
                        System.out.println("opened " + n);
                        System.out.flush();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.DAYS);
        Exception e = failure.get();
        if (e != null) {
            fail("after " + opened.get() + " connections: ", e);
        }
    }

    private static void fail(String context, Exception e) {
        String what = e instanceof ServerError ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        System.out.println("FAILED " + context + what);
        System.out.flush();
        System.exit(1); // the JVM's exit closes every socket
    }

    // ---- login -----------------------------------------------------------------------------------------------------

    private static Conn connect(String host, int port, String user, String password, String database) throws Exception {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS); // a stuck server fails the run instead of hanging it
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            // Small buffers: there are many connections and login messages are tiny.
            Conn conn = new Conn(socket, new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1024)),
                    new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 512)));
            sendStartup(conn.out(), user, database);
            scramLogin(conn, password);
            readUntilReady(conn.in());
            return conn;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    private static void sendStartup(DataOutputStream out, String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : new String[] {"user", user, "database", database, "application_name", "idle-clients"}) {
            cstring(body, s);
        }
        body.write(0);
        out.writeInt(8 + body.size());
        out.writeInt(PROTOCOL_3_0);
        body.writeTo(out);
        out.flush();
    }

    private static void scramLogin(Conn conn, String password) throws Exception {
        byte[] sasl = expectAuth(conn.in(), 10);
        if (!cstrings(sasl, 4).contains(MECHANISM)) {
            throw new ServerError("server does not offer " + MECHANISM + ": " + cstrings(sasl, 4));
        }
        String clientNonce = Base64.getEncoder().encodeToString(randomBytes(18));
        String clientFirstBare = "n=,r=" + clientNonce; // PostgreSQL takes the user from the startup message
        byte[] clientFirst = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream initial = new ByteArrayOutputStream();
        cstring(initial, MECHANISM);
        new DataOutputStream(initial).writeInt(clientFirst.length);
        initial.write(clientFirst);
        send(conn.out(), 'p', initial.toByteArray());

        String serverFirst = new String(tail(expectAuth(conn.in(), 11), 4), StandardCharsets.UTF_8);
        Map<String, String> attrs = attributes(serverFirst);
        String nonce = attrs.get("r");
        if (nonce == null || !nonce.startsWith(clientNonce) || attrs.get("s") == null || attrs.get("i") == null) {
            throw new ServerError("malformed SCRAM server-first message: " + serverFirst);
        }
        byte[] salted = saltedPassword(password, attrs.get("s"), Integer.parseInt(attrs.get("i")));
        String withoutProof = "c=biws,r=" + nonce; // biws = base64("n,,"): no channel binding
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] signature = hmac(MessageDigest.getInstance("SHA-256").digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        send(conn.out(), 'p', clientFinal.getBytes(StandardCharsets.UTF_8));

        // The server proves it knows the password too; a wrong signature means we talk to the wrong server.
        String serverFinal = new String(tail(expectAuth(conn.in(), 12), 4), StandardCharsets.UTF_8);
        String expected = "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), authMessage));
        if (!serverFinal.equals(expected)) {
            throw new ServerError("SCRAM server signature does not match: " + serverFinal);
        }
        expectAuth(conn.in(), 0);
    }

    private static byte[] saltedPassword(String password, String saltB64, int iterations) {
        return SALTED.computeIfAbsent(saltB64 + "," + iterations, key -> {
            try {
                PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(saltB64), iterations, 256);
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reads one message, which must be Authentication ('R') with the given code; returns its payload. */
    private static byte[] expectAuth(DataInputStream in, int code) throws Exception {
        Message m = read(in);
        if (m.type() != 'R' || m.payload().length < 4) {
            throw new ServerError("expected Authentication " + code + ", got '" + m.type() + "'");
        }
        int got = ((m.payload()[0] & 0xff) << 24) | ((m.payload()[1] & 0xff) << 16)
                | ((m.payload()[2] & 0xff) << 8) | (m.payload()[3] & 0xff);
        if (got != code) {
            throw new ServerError("expected Authentication " + code + ", got Authentication " + got);
        }
        return m.payload();
    }

    // ---- queries ---------------------------------------------------------------------------------------------------

    /** Runs SELECT 1 on up to PROBES connections spread evenly over the set; returns how many answered. */
    private static int probe(Conn[] conns) {
        int probes = Math.min(PROBES, conns.length);
        int alive = 0;
        for (int k = 0; k < probes; k++) {
            Conn conn = conns[(int) ((long) k * conns.length / probes)];
            try {
                send(conn.out(), 'Q', cstringBytes("SELECT 1"));
                readUntilReady(conn.in());
                alive++;
            } catch (Exception e) {
                System.out.println("probe failed: " + e.getMessage());
            }
        }
        return alive;
    }

    /** Skips ParameterStatus, BackendKeyData, RowDescription, DataRow, CommandComplete, notices... up to 'Z'. */
    private static void readUntilReady(DataInputStream in) throws Exception {
        while (read(in).type() != 'Z') {
            // nothing to keep
        }
    }

    // ---- wire format -----------------------------------------------------------------------------------------------

    record Message(char type, byte[] payload) {
    }

    /** Reads one backend message; an ErrorResponse becomes a ServerError with its SQLSTATE (C) and message (M). */
    private static Message read(DataInputStream in) throws Exception {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        if (length < 4 || length > 1 << 24) {
            throw new ServerError("bad message length " + length + " for '" + type + "'");
        }
        byte[] payload = new byte[length - 4];
        in.readFully(payload);
        if (type == 'E') {
            throw new ServerError(errorFields(payload));
        }
        return new Message(type, payload);
    }

    /** ErrorResponse fields are (code byte, cstring) pairs ending with a zero byte. */
    private static String errorFields(byte[] payload) {
        Map<Character, String> fields = new HashMap<>();
        int i = 0;
        while (i < payload.length && payload[i] != 0) {
            char code = (char) payload[i++];
            int end = i;
            while (end < payload.length && payload[end] != 0) {
                end++;
            }
            fields.put(code, new String(payload, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return "ErrorResponse " + fields.getOrDefault('S', "?") + " " + fields.getOrDefault('C', "?") + ": "
                + fields.getOrDefault('M', "?");
    }

    private static void send(DataOutputStream out, char type, byte[] payload) throws IOException {
        out.writeByte(type);
        out.writeInt(4 + payload.length);
        out.write(payload);
        out.flush();
    }

    private static void closeAll(Conn[] conns) {
        for (Conn conn : conns) {
            try {
                send(conn.out(), 'X', new byte[0]); // Terminate, so the proxy sees a clean goodbye
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                conn.socket().close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    // ---- small helpers ---------------------------------------------------------------------------------------------

    private static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(cstringBytes(s));
    }

    private static byte[] cstringBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    /** The zero-terminated strings in payload from offset on, up to an empty one. */
    private static List<String> cstrings(byte[] payload, int offset) {
        List<String> out = new ArrayList<>();
        int i = offset;
        while (i < payload.length && payload[i] != 0) {
            int end = i;
            while (end < payload.length && payload[end] != 0) {
                end++;
            }
            out.add(new String(payload, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return out;
    }

    private static byte[] tail(byte[] b, int from) {
        byte[] out = new byte[b.length - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    /** "r=...,s=...,i=..." into a map (values may contain '=', never ','). */
    private static Map<String, String> attributes(String message) {
        Map<String, String> out = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                out.put(part.substring(0, 1), part.substring(2));
            }
        }
        return out;
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
