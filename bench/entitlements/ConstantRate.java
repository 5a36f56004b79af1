import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate HTTP GET load generator (what wrk2 does; wrk is closed-loop and would hide slow answers behind
 * requests it never sent). Requests are scheduled at fixed instants, {@code rate} per second, spread over
 * {@code connections} keep-alive connections; each one's latency counts from its scheduled instant, so when the
 * server (or the generator) falls behind, the queueing shows in the percentiles instead of lowering the rate
 * (no coordinated omission). Prints {@code key=value} lines.
 *
 * <pre>
 *   java bench/entitlements/ConstantRate.java url=http://127.0.0.1:8080/path key=SECRET rate=2000 seconds=30 connections=16
 * </pre>
 */
public class ConstantRate {
    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        URI url = URI.create(args.get("url"));
        String key = args.get("key");
        double rate = Double.parseDouble(args.getOrDefault("rate", "2000"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        int connections = Integer.parseInt(args.getOrDefault("connections", "16"));
        long total = (long) (rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L; // every connection opened before the first scheduled request

        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        long[] failures = new long[connections];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                long[] mine = new long[(int) (total / connections + 1)];
                try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                    socket.setTcpNoDelay(true);
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    OutputStream out = socket.getOutputStream();
                    byte[] request = ("GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()) + " HTTP/1.1\r\nHost: "
                            + url.getHost() + ":" + url.getPort() + "\r\n" + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                            + "Accept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    int n = 0;
                    for (long i = id; i < total; i += connections) {
                        long scheduled = start + i * intervalNanos;
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        out.flush();
                        if (readStatus(in) != 200) {
                            failures[id]++;
                        }
                        mine[n++] = System.nanoTime() - scheduled;
                    }
                    counts[id] = n;
                } catch (IOException e) {
                    System.err.println("connection " + id + " failed: " + e);
                    failures[id] = -1;
                }
                latencies[id] = mine;
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        int n = Arrays.stream(counts).sum();
        long[] all = new long[n];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.println("requests=" + n);
        System.out.println("failures=" + Arrays.stream(failures).sum());
        System.out.printf("achieved_rps=%.0f%n", n / (elapsed / 1e9));
        for (double p : new double[] {50, 90, 99, 99.9}) {
            System.out.printf("p%s_ms=%.3f%n", p == 99.9 ? "99.9" : String.valueOf((int) p), percentile(all, p) / 1e6);
        }
        System.out.printf("max_ms=%.3f%n", n == 0 ? 0 : all[n - 1] / 1e6);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Reads one response (Content-Length or chunked body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        int status = Integer.parseInt(line(in).split(" ")[1]);
        int length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes(length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
