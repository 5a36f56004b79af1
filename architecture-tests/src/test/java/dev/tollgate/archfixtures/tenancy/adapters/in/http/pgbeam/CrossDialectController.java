package dev.tollgate.archfixtures.tenancy.adapters.in.http.pgbeam;

import dev.tollgate.archfixtures.tenancy.adapters.in.http.nativeapi.PublicHttpView;
import io.micronaut.http.annotation.Controller;

/** Violates 6: one dialect's controller reuses another dialect's shapes. */
@Controller("/fixtures/cross-dialect")
class CrossDialectController {
    PublicHttpView view;
}
