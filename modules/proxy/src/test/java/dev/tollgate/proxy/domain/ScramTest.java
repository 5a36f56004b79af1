package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramTest {
    @Test
    void matchesTheRfc7677TestVector() {
        // RFC 7677 section 3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations.
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        byte[] salted = Scram.hi("pencil", salt, 4096);
        String authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] clientKey = Scram.hmac(salted, "Client Key");
        byte[] signature = Scram.hmac(Scram.sha256(clientKey), authMessage);
        byte[] proof = new byte[32];
        for (int i = 0; i < 32; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        assertEquals("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", Base64.getEncoder().encodeToString(proof));
        assertEquals("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
                Base64.getEncoder().encodeToString(Scram.hmac(Scram.hmac(salted, "Server Key"), authMessage)));
        assertNotNull(authMessage.getBytes(StandardCharsets.UTF_8));
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
        assertNotNull(serverFinal);
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
}
