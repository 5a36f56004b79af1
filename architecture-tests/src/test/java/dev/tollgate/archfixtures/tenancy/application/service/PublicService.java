package dev.tollgate.archfixtures.tenancy.application.service;

/** Violates 10c: a public service (callers should see only its use case). */
public class PublicService {
}
