package dev.tollgate.tenancy.adapters.out.crypto;

import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.tenancy.application.port.out.DownloadSigner;
import jakarta.inject.Singleton;

/** Download links signed under the master key (its export-link subkey): valid on every node, and after a restart. */
@Singleton
final class MasterKeyDownloadSigner implements DownloadSigner {
    private static final String PURPOSE = "export-download";
    private final SecretBox box;

    MasterKeyDownloadSigner(SecretBox box) {
        this.box = box;
    }

    @Override
    public String sign(String what) {
        return box.mac(PURPOSE, what);
    }

    @Override
    public boolean verify(String what, String signature) {
        return box.verifyMac(PURPOSE, what, signature);
    }
}
