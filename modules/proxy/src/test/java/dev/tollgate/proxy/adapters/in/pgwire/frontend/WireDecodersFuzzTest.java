package dev.tollgate.proxy.adapters.in.pgwire.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.RawPgClient;
import dev.tollgate.proxy.adapters.in.pgwire.backend.ServerPool;
import dev.tollgate.proxy.adapters.in.pgwire.relay.ClientRelayTest;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.Scram;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the decoders an anonymous or logged-in client reaches: the startup decoder (with TLS
 * and the typed-frame decoder behind it), the SCRAM server exchange, and the relay's frontend messages. Each input
 * must be handled without an unexpected exception, without keeping a buffer, and in bounded time. Seeded: a failure
 * names its seed and replays.
 */
class WireDecodersFuzzTest {
    private static final long SEED = 20261206L;
    private static final byte[][] DICTIONARY = {
            "user".getBytes(StandardCharsets.UTF_8), "database".getBytes(StandardCharsets.UTF_8), "options".getBytes(StandardCharsets.UTF_8),
            "-c".getBytes(StandardCharsets.UTF_8), "project=prj_".getBytes(StandardCharsets.UTF_8), "\\".getBytes(StandardCharsets.UTF_8),
            {0}, {0, 0}, {0, 3, 0, 0}, {4, -46, 22, 47}, {4, -46, 22, 48}, {4, -46, 22, 46}, {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            {0, 0, 0, 8}, {0, 0, 0, 16}, {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}};

    private final Random random = new Random(SEED);
    private int inputs;

    /** Stands for ClientSession at the end of the pipeline: keeps what it is handed, refuses bad input as it does. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Throwable> unexpected = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (!(cause instanceof DecoderException) && !(root instanceof SSLException)) {
                unexpected.add(cause);
            } else if (root instanceof RuntimeException && !(root instanceof IllegalArgumentException)
                    && !(root instanceof io.netty.handler.codec.TooLongFrameException)
                    && !(root instanceof io.netty.handler.codec.CorruptedFrameException)) {
                unexpected.add(cause);
            }
            ctx.close();
        }
    }

    private byte[] mutate(byte[] seed) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : seed) {
            bytes.add(b);
        }
        int mutations = 1 + random.nextInt(6);
        for (int m = 0; m < mutations; m++) {
            int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size() + 1);
            switch (random.nextInt(6)) {
                case 0 -> { if (at < bytes.size()) bytes.set(at, (byte) random.nextInt(256)); }
                case 1 -> { if (at < bytes.size()) bytes.remove(at); }
                case 2 -> bytes.add(at, (byte) random.nextInt(256));
                case 3 -> {
                    byte[] word = DICTIONARY[random.nextInt(DICTIONARY.length)];
                    for (int i = word.length - 1; i >= 0; i--) {
                        bytes.add(at, word[i]);
                    }
                }
                case 4 -> { while (bytes.size() > at) bytes.remove(bytes.size() - 1); }
                default -> {
                    int len = random.nextInt(16);
                    for (int i = 0; i < len; i++) bytes.add(at, (byte) random.nextInt(256));
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static byte[] typed(char type, byte[] body) {
        ByteBuf buf = Unpooled.buffer().writeByte(type).writeInt(body.length + 4).writeBytes(body);
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        buf.release();
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuf buf = Unpooled.buffer();
        for (byte[] p : parts) {
            buf.writeBytes(p);
        }
        byte[] out = new byte[buf.readableBytes()];
        buf.readBytes(out);
        buf.release();
        return out;
    }

    @Test
    void theStartupAndFrameDecodersSurviveMutatedInput() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        SslContext tls = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey()).build();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "app.prj_01jd8x0c3fexa6k4b1n2m3p4q5");
        parameters.put("database", "appdb");
        parameters.put("options", "-c search_path=public project=prj_01jd8x0c3fexa6k4b1n2m3p4q5");
        byte[] startup = RawPgClient.startupPacket(parameters);
        byte[][] seeds = {
                startup,
                concat(new byte[] {0, 0, 0, 8, 4, -46, 22, 47}),                                    // SSLRequest
                concat(new byte[] {0, 0, 0, 8, 4, -46, 22, 48}),                                    // GSSENCRequest
                concat(new byte[] {0, 0, 0, 16, 4, -46, 22, 46, 0, 0, 0, 1, 0, 0, 0, 2}),           // CancelRequest
                concat(startup, typed('p', "SCRAM-SHA-256\0\0\0\0\u0020n,,n=,r=abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.ISO_8859_1))),
                concat(startup, typed('p', "c=biws,r=abc,p=AAAA".getBytes(StandardCharsets.UTF_8)), typed('X', new byte[0]))};
        List<Throwable> unexpected = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            byte[] input = mutate(seeds[random.nextInt(seeds.length)]);
            if (input.length == 0) {
                continue; // Unpooled's shared empty buffer is never released: nothing to learn from it
            }
            Sink sink = new Sink();
            EmbeddedChannel channel = new EmbeddedChannel(new StartupDecoder(tls), sink);
            ByteBuf buffer = Unpooled.wrappedBuffer(input);
            channel.writeInbound(buffer);
            channel.finishAndReleaseAll();
            assertEquals(0, buffer.refCnt(), "input " + i + " of seed " + SEED + " was kept: " + java.util.HexFormat.of().formatHex(input));
            unexpected.addAll(sink.unexpected);
            inputs++;
        }
        certificate.delete();
        System.out.println("fuzz: " + inputs + " startup/frame inputs, seed " + SEED);
        assertEquals(List.of(), unexpected);
    }

    @Test
    void theScramServerAnswersOrRefusesEveryMessage() {
        Scram.Secret secret = Scram.Secret.derive("s3cret", new byte[16], 4096);
        String[] seeds = {"n,,n=,r=abcdefghijklmnop", "y,,n=user,r=xyz", "p=tls-server-end-point,,n=,r=abc",
                "c=biws,r=abcdefghijklmnop,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "c=,r=,p=", ",,,,=,=,="};
        for (int i = 0; i < 30_000; i++) {
            String first = new String(mutate(seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            String last = new String(mutate(seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            Scram.ServerExchange exchange = new Scram.ServerExchange(secret);
            String serverFirst = exchange.serverFirst(first);
            String serverFinal = exchange.serverFinal(serverFirst == null ? last : last.replace("abcdefghijklmnop", serverFirst));
            assertTrue(serverFinal == null || serverFinal.startsWith("v="), "seed " + SEED + " input " + i);
            inputs++;
        }
        System.out.println("fuzz: " + inputs + " SCRAM exchanges, seed " + SEED);
    }

    @Test
    void theRelayReleasesEveryFrontendMessageWhateverItHolds() {
        ClientRelayTest fixture = new ClientRelayTest();
        char[] types = {'P', 'B', 'D', 'C', 'Q', 'E', 'S', 'F', 'H', 'd', 'c', 'f', '?'};
        byte[][] bodies = {"stmt\0SELECT $1\0\0\1\0\0\0\27".getBytes(StandardCharsets.ISO_8859_1),
                "\0stmt\0\0\0\0\1\0\0\0\1x\0\0".getBytes(StandardCharsets.ISO_8859_1), "Sstmt\0".getBytes(StandardCharsets.UTF_8),
                "Pportal\0".getBytes(StandardCharsets.UTF_8), "SET ROLE x; LISTEN y\0".getBytes(StandardCharsets.UTF_8), new byte[0]};
        int relays = 0;
        for (int r = 0; r < 2000; r++) {
            ServerPool pool = fixture.pool(r % 2 == 0 ? PoolMode.TRANSACTION : PoolMode.SESSION);
            EmbeddedChannel server = (EmbeddedChannel) ClientRelayTest.server(pool, 1).channel();
            EmbeddedChannel client = fixture.client(pool);
            for (int m = 0; m < 100 && client.isOpen(); m++) {
                byte[] seed = bodies[random.nextInt(bodies.length)];
                byte[] body = random.nextBoolean() ? seed : mutate(seed);
                ByteBuf message = Unpooled.buffer().writeByte(types[random.nextInt(types.length)]).writeInt(body.length + 4).writeBytes(body);
                message.retain();
                client.writeInbound(message);
                drain(server);
                drain(client);
                assertEquals(1, message.refCnt(), "relay " + r + " message " + m + " of seed " + SEED + " was kept");
                message.release();
                inputs++;
            }
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
            relays++;
        }
        assertEquals(2000, relays);
        System.out.println("fuzz: " + inputs + " frontend messages through " + relays + " relays, seed " + SEED);
    }

    private static void drain(EmbeddedChannel channel) {
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(out);
        }
    }
}
