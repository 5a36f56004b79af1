package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramTest {
    // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
    static final String RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final byte[] RFC_SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    static final String RFC_CLIENT_FIRST = "n,,n=user,r=" + RFC_CLIENT_NONCE;
    static final String RFC_SERVER_FIRST = "r=" + RFC_CLIENT_NONCE + RFC_SERVER_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String RFC_CLIENT_FINAL = "c=biws,r=" + RFC_CLIENT_NONCE + RFC_SERVER_NONCE + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void theServerSideReplaysTheRfc7677Exchange() {
        Scram.ServerExchange server = new Scram.ServerExchange(Scram.Secret.derive("pencil", RFC_SALT, 4096), RFC_SERVER_NONCE);
        assertEquals(RFC_SERVER_FIRST, server.serverFirst(RFC_CLIENT_FIRST));
        assertEquals(RFC_SERVER_FINAL, server.serverFinal(RFC_CLIENT_FINAL));
    }

    @Test
    void theClientSideReplaysTheRfc7677Exchange() {
        Scram.ClientExchange client = new Scram.ClientExchange("user", RFC_CLIENT_NONCE);
        assertEquals(RFC_CLIENT_FIRST, client.clientFirst());
        Scram.Challenge challenge = client.challenge(RFC_SERVER_FIRST);
        assertEquals(4096, challenge.iterations());
        assertArrayEquals(RFC_SALT, challenge.salt());
        assertEquals(RFC_CLIENT_FINAL, client.clientFinal(challenge, Scram.saltedPassword("pencil", RFC_SALT, 4096)));
        assertTrue(client.verifyServerFinal(RFC_SERVER_FINAL));
    }

    /** Plays the client side as the proxy does towards an upstream: challenge, derive, answer. */
    private static String answer(Scram.ClientExchange client, String password, String serverFirst) {
        Scram.Challenge challenge = client.challenge(serverFirst);
        return client.clientFinal(challenge, Scram.saltedPassword(password, challenge.salt(), challenge.iterations()));
    }

    @Test
    void ourClientAndServerAgreeAndAWrongPasswordFails() {
        Scram.Secret secret = Scram.Secret.derive("s3cret");
        Scram.ServerExchange server = new Scram.ServerExchange(secret);
        Scram.ClientExchange client = new Scram.ClientExchange();
        String serverFirst = server.serverFirst(client.clientFirst());
        assertFalse(client.verifyServerFinal("v=" ), "nothing verifies before the proof was sent");
        String serverFinal = server.serverFinal(answer(client, "s3cret", serverFirst));
        assertTrue(serverFinal.matches("v=[A-Za-z0-9+/]{43}="), serverFinal); // a 32-byte signature, base64
        assertTrue(client.verifyServerFinal(serverFinal));
        char[] tampered = serverFinal.toCharArray();
        tampered[5] = tampered[5] == 'x' ? 'y' : 'x';
        assertFalse(client.verifyServerFinal(new String(tampered)), "a signature one character off does not verify");

        Scram.ServerExchange server2 = new Scram.ServerExchange(secret);
        Scram.ClientExchange wrong = new Scram.ClientExchange();
        assertNull(server2.serverFinal(answer(wrong, "guess", server2.serverFirst(wrong.clientFirst()))));
    }

    @Test
    void anUpstreamCannotAskForUnboundedWorkOrAForeignNonce() {
        Scram.ClientExchange client = new Scram.ClientExchange();
        String nonce = client.clientFirst().substring("n,,n=,r=".length());
        String salt = Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals(4096, client.challenge("r=" + nonce + "xyz,s=" + salt + ",i=4096").iterations());
        for (String bad : new String[] {
                "r=" + nonce + "xyz,s=" + salt + ",i=100001",
                "r=" + nonce + "xyz,s=" + salt + ",i=2147483647",
                "r=" + nonce + "xyz,s=" + salt + ",i=0",
                "r=" + nonce + "xyz,s=" + salt + ",i=-1",
                "r=" + nonce + "xyz,s=" + salt + ",i=lots",
                "r=" + nonce + "xyz,s=" + salt,
                "r=" + nonce + "xyz,s=!!!,i=4096",
                "r=" + nonce + "xyz,i=4096",
                "r=someone-else,s=" + salt + ",i=4096",
                "r=" + nonce + ",s=" + salt + ",i=4096",
                ""}) {
            assertThrows(Scram.Refused.class, () -> client.challenge(bad), bad);
        }
    }

    @Test
    void malformedMessagesAreRefused() {
        Scram.ServerExchange server = new Scram.ServerExchange(Scram.Secret.derive("x"));
        assertNull(server.serverFirst("p=tls-server-end-point,,n=,r=abc"));
        assertNull(server.serverFirst("n,,n=,"));
        assertNull(new Scram.ServerExchange(Scram.Secret.derive("x")).serverFinal("c=biws,r=x,p=AAAA"));
    }

    @Test
    void theServerRefusesEachBrokenClientFinal() {
        Scram.Secret secret = Scram.Secret.derive("pencil", RFC_SALT, 4096);
        String nonce = RFC_CLIENT_NONCE + RFC_SERVER_NONCE;
        String[] broken = {
                "c=biws,r=" + RFC_CLIENT_NONCE + "someone-else,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", // nonce not ours
                "c=biws,r=" + nonce + ",p=!!!!", // proof not base64
                "c=biws,r=" + nonce + ",p=AAAA", // proof of the wrong length
                "c=biws,r=" + nonce + ",p=" + "A".repeat(43) + "=", // right length, wrong proof
                "c=biws,r=" + nonce, // no proof at all
                "c=eSws,r=" + nonce + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", // channel binding "y,," after "n,,"
                ""};
        for (String clientFinal : broken) {
            Scram.ServerExchange server = new Scram.ServerExchange(secret, RFC_SERVER_NONCE);
            server.serverFirst(RFC_CLIENT_FIRST);
            assertNull(server.serverFinal(clientFinal), clientFinal);
        }
    }

    @Test
    void theChannelBindingClaimedInClientFirstMustBeRepeatedInClientFinal() {
        // A client that says "y,," (it could bind, but thinks the server cannot) must send c=eSws ("y,,"); one that
        // then sends c=biws ("n,,") had its first message altered on the way: RFC 5802 section 5.1 requires failing it.
        Scram.Secret secret = Scram.Secret.derive("s3cret");
        Scram.ServerExchange server = new Scram.ServerExchange(secret);
        Scram.ClientExchange client = new Scram.ClientExchange();
        String bare = client.clientFirst().substring("n,,".length());
        String serverFirst = server.serverFirst("y,," + bare);
        assertNull(server.serverFinal(answer(client, "s3cret", serverFirst)), "c=biws after y,,");
    }
}
