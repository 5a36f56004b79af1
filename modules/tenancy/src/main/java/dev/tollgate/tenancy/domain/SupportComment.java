package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** One message in a support issue's conversation; its time-ordered id is also its place in the conversation. */
public record SupportComment(UUID id, UUID issueId, String comment, String type, String displayName, String authorId, Instant createdAt,
                             Instant updatedAt) {
    public static final String ID_PREFIX = "cmt";
    public static final int MAX_COMMENT = 10_000;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,49}");

    public static SupportComment write(UUID issueId, String comment, String type, String displayName, String authorId, Instant now) {
        String kind = type == null ? "comment" : type;
        if (!TYPE.matcher(kind).matches()) {
            throw new ValidationException("type", "must be a lowercase word of at most 50 characters (e.g. comment), not '" + type + "'");
        }
        return new SupportComment(TypeId.newUuid(), issueId, SupportIssue.text("comment", comment, MAX_COMMENT), kind,
                SupportIssue.optional("displayName", displayName, 100), authorId, now, now);
    }

    public SupportComment edit(String newComment, Instant now) {
        return newComment == null ? this
                : new SupportComment(id, issueId, SupportIssue.text("comment", newComment, MAX_COMMENT), type, displayName, authorId, createdAt, now);
    }

    public String publicId() {
        return TypeId.format(ID_PREFIX, id);
    }
}
