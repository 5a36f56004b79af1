package dev.tollgate.entitlements.application.service;

/** A cross-app usage recording; once it commits, the feature's remembered allowance is out of date. */
record UsageRecorded(String organizationPublicId, String featureKey) {
}
