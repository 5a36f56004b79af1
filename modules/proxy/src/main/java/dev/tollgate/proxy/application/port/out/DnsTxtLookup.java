package dev.tollgate.proxy.application.port.out;

import java.util.List;

/** Reads DNS TXT records, for proving control of a custom domain. */
public interface DnsTxtLookup {
    /** The TXT strings published at {@code host}; empty when the name has none or does not exist. */
    List<String> txt(String host) throws LookupFailed;

    /** The lookup itself failed (no answer from DNS, a server failure): nothing can be concluded. */
    final class LookupFailed extends Exception {
        public LookupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
