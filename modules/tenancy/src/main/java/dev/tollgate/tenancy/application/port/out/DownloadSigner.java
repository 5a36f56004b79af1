package dev.tollgate.tenancy.application.port.out;

/** Signs download links with a key only Tollgate holds, so a link cannot be made or stretched by anyone else. */
public interface DownloadSigner {
    /** The signature of {@code what} (URL-safe text). */
    String sign(String what);

    /** Whether {@code signature} is {@code what}'s, compared in constant time. */
    boolean verify(String what, String signature);
}
