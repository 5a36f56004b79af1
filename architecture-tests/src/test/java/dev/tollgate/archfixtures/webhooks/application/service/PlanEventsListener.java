package dev.tollgate.archfixtures.webhooks.application.service;

import dev.tollgate.archfixtures.catalog.api.events.PlanPublished;
import dev.tollgate.archfixtures.tenancy.api.TenancyFacade;

/** Allowed: webhooks reads other modules' api.events and tenancy's api. */
class PlanEventsListener {
    String describe(PlanPublished event, TenancyFacade tenancy) {
        return event.planId() + tenancy.organizationName("o");
    }
}
