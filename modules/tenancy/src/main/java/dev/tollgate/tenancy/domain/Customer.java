package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An organization's own customer (OpenMeter's): usage is attributed to it by its {@code key} and its
 * {@code subjectKeys}. {@code metadata} and {@code billingAddress} are JSON objects as text.
 */
public record Customer(UUID id, UUID namespace, String name, String description, Map<String, String> metadata, String key,
                       List<String> subjectKeys, String primaryEmail, String currency, Address billingAddress, Instant createdAt,
                       Instant updatedAt, Instant deletedAt) {
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    public Customer {
        subjectKeys = subjectKeys == null ? List.of() : List.copyOf(subjectKeys);
    }

    public record Address(String country, String postalCode, String state, String city, String line1, String line2, String phoneNumber) {
    }

    /** What a create or a full replace carries. */
    public record Details(String name, String description, Map<String, String> metadata, String key, List<String> subjectKeys,
                          String primaryEmail, String currency, Address billingAddress) {
    }

    public static Customer create(UUID namespace, Details d, Instant now) {
        validate(d);
        return new Customer(TypeId.newUuid(), namespace, d.name(), d.description(), d.metadata(), d.key(), d.subjectKeys(),
                d.primaryEmail(), d.currency(), d.billingAddress(), now, now, null);
    }

    public Customer replace(Details d, Instant now) {
        validate(d);
        return new Customer(id, namespace, d.name(), d.description(), d.metadata(), d.key(), d.subjectKeys(), d.primaryEmail(),
                d.currency(), d.billingAddress(), createdAt, now, null);
    }

    public Customer deleted(Instant now) {
        return new Customer(id, namespace, name, description, metadata, key, subjectKeys, primaryEmail, currency, billingAddress,
                createdAt, now, now);
    }

    /** Every value usage is attributed to this customer by: its key and its subject keys. */
    public Set<String> attributedValues() {
        Set<String> values = new LinkedHashSet<>();
        if (key != null) {
            values.add(key);
        }
        values.addAll(subjectKeys);
        return values;
    }

    private static void validate(Details d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isEmpty() || d.name().length() > 256) {
            errors.add(new FieldError("name", "is required, 1-256 characters"));
        }
        if (d.description() != null && d.description().length() > 1024) {
            errors.add(new FieldError("description", "must be at most 1024 characters"));
        }
        if (d.key() != null && (d.key().isEmpty() || d.key().length() > 256)) {
            errors.add(new FieldError("key", "must be 1-256 characters"));
        }
        if (d.subjectKeys() != null) {
            for (int i = 0; i < d.subjectKeys().size(); i++) {
                String subject = d.subjectKeys().get(i);
                if (subject == null || subject.isEmpty()) {
                    errors.add(new FieldError("usageAttribution.subjectKeys[" + i + "]", "must not be empty"));
                }
            }
        }
        if (d.key() == null && (d.subjectKeys() == null || d.subjectKeys().isEmpty())) {
            errors.add(new FieldError("key", "either key or usageAttribution.subjectKeys must be provided"));
        }
        if (d.currency() != null && !CURRENCY.matcher(d.currency()).matches()) {
            errors.add(new FieldError("currency", "must be a three-letter ISO 4217 code such as USD"));
        }
        if (d.primaryEmail() != null && !EMAIL.matcher(d.primaryEmail()).matches()) {
            errors.add(new FieldError("primaryEmail", "is not an email address"));
        }
        if (d.billingAddress() != null && d.billingAddress().country() != null && !COUNTRY.matcher(d.billingAddress().country()).matches()) {
            errors.add(new FieldError("billingAddress.country", "must be an ISO 3166-1 alpha-2 code such as US"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    public String ulid() {
        return Ulid.of(id);
    }
}
