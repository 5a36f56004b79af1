package dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.archfixtures.tenancy.adapters.out.jwt.PublicJwtAdapter;
import io.micronaut.http.annotation.Controller;

/** Violates 6: an inbound adapter uses an outbound adapter. */
@Controller("/fixtures/outbound-aware")
class OutboundAwareController {
    PublicJwtAdapter adapter;
}
