package dev.tollgate.proxy.adapters.out.crypto;

import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import jakarta.inject.Singleton;

/** Upstream passwords sealed with the platform's master-key AEAD. */
@Singleton
final class MasterKeySealer implements SecretSealer {
    private final SecretBox box;

    MasterKeySealer(SecretBox box) {
        this.box = box;
    }

    @Override
    public String seal(String plaintext, String context) {
        return box.seal(plaintext, context);
    }

    @Override
    public String open(String sealed, String context) {
        return box.open(sealed, context);
    }
}
