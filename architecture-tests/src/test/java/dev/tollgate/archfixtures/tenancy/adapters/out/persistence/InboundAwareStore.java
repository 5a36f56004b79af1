package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi.PublicHttpView;

/** Violates 6: persistence uses an inbound adapter. */
final class InboundAwareStore {
    PublicHttpView view;
}
