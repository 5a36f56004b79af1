package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A hostname a project's clients may connect with (PgBeam's custom domain). Its owner proves control of it by
 * publishing {@link #txtValue()} at {@link #txtHost()}; until then it is unverified. Tollgate issues no TLS
 * certificate for it yet, so {@code tlsCertExpiry} stays null.
 */
public record CustomDomain(UUID id, UUID projectId, String domain, String verificationToken, Instant verifiedAt, Instant tlsCertExpiry,
                           Instant createdAt, Instant updatedAt) {
    /** PgBeam's CreateCustomDomainRequest pattern: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOSTNAME = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$");
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String TXT_PREFIX = "_tollgate-verify.";
    public static final String TXT_VALUE_PREFIX = "tollgate-verify=";

    /** {@code ownDomain} is the proxy's own domain: nobody registers a name under it. */
    public static CustomDomain register(UUID projectId, String requested, String ownDomain, Instant now) {
        String domain = requested == null ? null : requested.strip().toLowerCase(Locale.ROOT);
        if (domain == null || domain.isEmpty()) {
            throw new ValidationException("domain", "is required");
        }
        if (domain.length() > 253 || !HOSTNAME.matcher(domain).matches() || List.of(domain.split("\\.")).stream().anyMatch(l -> l.length() > 63)) {
            throw new ValidationException("domain", "'" + requested + "' is not a hostname such as db.example.com (labels of letters, digits"
                    + " and inner hyphens, at most 63 characters each, 253 in all)");
        }
        if (!domain.contains(".")) {
            throw new ValidationException("domain", "'" + requested + "' is a single label; use a fully qualified name such as db.example.com");
        }
        if (domain.substring(domain.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit)) {
            throw new ValidationException("domain", "'" + requested + "' is an address, not a hostname; use a name such as db.example.com");
        }
        String own = ownDomain.toLowerCase(Locale.ROOT);
        if (domain.equals(own) || domain.endsWith("." + own)) {
            throw new ValidationException("domain", "'" + requested + "' is under Tollgate's own domain " + own);
        }
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new CustomDomain(TypeId.newUuid(), projectId, domain, HexFormat.of().formatHex(token), null, null, at, at);
    }

    public String publicId() {
        return TypeId.format("dom", id);
    }

    public boolean verified() {
        return verifiedAt != null;
    }

    /** Where the ownership record goes. */
    public String txtHost() {
        return TXT_PREFIX + domain;
    }

    /** What it must say. */
    public String txtValue() {
        return TXT_VALUE_PREFIX + verificationToken;
    }

    /**
     * Whether one of the TXT records found at {@link #txtHost()} proves ownership. The expected value holds no quote or
     * space, so those are dropped before comparing: a record split into several character strings, or quoted by the
     * DNS client, still matches.
     */
    public boolean provenBy(List<String> txtRecords) {
        return txtRecords.stream().map(r -> r.replace("\"", "").replace(" ", "")).anyMatch(txtValue()::equals);
    }

    public CustomDomain verifiedAt(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new CustomDomain(id, projectId, domain, verificationToken, verifiedAt == null ? at : verifiedAt, tlsCertExpiry, createdAt, at);
    }
}
