-- '-' marked permissions no service token may have, yet it could be granted like an access and then allowed them
-- all (meters, event ingestion, entitlements, usage). It is no longer an access; grants of it are void.
DELETE FROM tenancy.service_token_accesses WHERE access = '-';
