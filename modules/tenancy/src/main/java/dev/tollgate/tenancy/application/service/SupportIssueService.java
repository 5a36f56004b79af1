package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.events.SupportIssueFiled;
import dev.tollgate.tenancy.application.port.in.ManageSupportIssuesUseCase;
import dev.tollgate.tenancy.application.port.out.SupportIssueStore;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.SupportComment;
import dev.tollgate.tenancy.domain.SupportIssue;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Singleton
class SupportIssueService implements ManageSupportIssuesUseCase {
    private static final int EXCERPT = 280;
    private final SupportIssueStore issues;
    private final WorkspaceService workspaces;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    SupportIssueService(SupportIssueStore issues, WorkspaceService workspaces, OrganizationAccess access, AuditTrail audit, Outbox outbox,
                        Clock clock) {
        this.issues = issues;
        this.workspaces = workspaces;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Filed file(Caller caller, String slug, FileIssueCommand c) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        Instant now = clock.instant();
        String reporter = AuditActors.idOf(caller);
        SupportIssue issue = SupportIssue.file(TypeId.newUuid(), workspace.id(), issues.nextNumber(workspace.id()), c.title(), c.description(),
                c.type(), c.priority(), c.category(), reporter, now);
        issues.save(issue);
        audit.record(caller, workspace.id(), AuditTrail.Change.created("support_issue", Integer.toString(issue.number()),
                "Support issue #" + issue.number() + " filed: " + issue.summary(), fields(issue)));
        outbox.publish(workspace.publicId(), new SupportIssueFiled(workspace.id(), workspace.slug().value(), issue.number(), issue.summary(),
                issue.type().wire(), issue.priority().wire(), issue.status().wire(), null, reporter, excerpt(issue.description()), now));
        return new Filed(issue, workspace.slug().value());
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Filed> list(Caller caller, String slug, String status, PageRequest page) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue.Status wanted = status == null ? null : SupportIssue.parseStatus("status", status);
        return issues.list(workspace.id(), wanted, page).map(i -> new Filed(i, workspace.slug().value()));
    }

    @Override
    @Transactional(readOnly = true)
    public Filed get(Caller caller, String slug, String issueId) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        return new Filed(find(workspace, issueId), workspace.slug().value());
    }

    @Override
    @Transactional
    public Filed update(Caller caller, String slug, String issueId, UpdateIssueCommand c) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue current = find(workspace, issueId);
        if (!current.createdBy().equals(AuditActors.idOf(caller))) {
            access.require(caller, workspace, Permission.UPDATE_ORGANIZATION); // someone else's issue: admins only
        }
        SupportIssue updated = current.update(c.title(), c.description(), c.status(), c.priority(), clock.instant());
        if (!sameContent(updated, current)) {
            issues.save(updated);
            audit.record(caller, workspace.id(), AuditTrail.Change.updated("support_issue", Integer.toString(updated.number()),
                    "Support issue #" + updated.number() + " updated", fields(current), fields(updated)));
            return new Filed(updated, workspace.slug().value());
        }
        return new Filed(current, workspace.slug().value());
    }

    @Override
    @Transactional(readOnly = true)
    public CommentPage comments(Caller caller, String slug, String issueId, String cursor, int limit) {
        if (limit < 1 || limit > MAX_COMMENT_PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_COMMENT_PAGE);
        }
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue issue = find(workspace, issueId);
        UUID after = null;
        if (cursor != null) {
            after = commentUuid(cursor).orElseThrow(() -> new ValidationException("cursor",
                    "must be the id of a comment from a previous page (cmt_...)"));
        }
        List<SupportComment> found = issues.comments(issue.id(), after, limit + 1);
        boolean more = found.size() > limit;
        List<SupportComment> page = more ? found.subList(0, limit) : found;
        return new CommentPage(issue.number(), List.copyOf(page), more ? page.get(page.size() - 1).publicId() : null, more);
    }

    @Override
    @Transactional
    public SupportComment comment(Caller caller, String slug, String issueId, CommentCommand c) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue issue = find(workspace, issueId);
        Instant now = clock.instant();
        String author = AuditActors.idOf(caller);
        SupportComment comment = SupportComment.write(issue.id(), c.comment(), c.type(), c.displayName(), author, now);
        issues.saveComment(comment);
        audit.record(caller, workspace.id(), AuditTrail.Change.created("support_comment", comment.publicId(),
                "Comment on support issue #" + issue.number(), AuditTrail.fields("issue", issue.number(), "type", comment.type())));
        outbox.publish(workspace.publicId(), new SupportIssueFiled(workspace.id(), workspace.slug().value(), issue.number(), issue.summary(),
                issue.type().wire(), issue.priority().wire(), issue.status().wire(), comment.publicId(), author, excerpt(comment.comment()), now));
        return comment;
    }

    @Override
    @Transactional(readOnly = true)
    public SupportComment getComment(Caller caller, String slug, String issueId, String commentId) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        return findComment(find(workspace, issueId), commentId);
    }

    @Override
    @Transactional
    public SupportComment editComment(Caller caller, String slug, String issueId, String commentId, String text) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue issue = find(workspace, issueId);
        SupportComment current = findComment(issue, commentId);
        if (!current.authorId().equals(AuditActors.idOf(caller))) {
            throw new ForbiddenException("Only its author may edit a comment");
        }
        SupportComment edited = current.edit(text, clock.instant());
        if (!edited.comment().equals(current.comment())) {
            issues.saveComment(edited);
            audit.record(caller, workspace.id(), AuditTrail.Change.updated("support_comment", edited.publicId(),
                    "Comment on support issue #" + issue.number() + " edited", null, null));
        }
        return edited;
    }

    @Override
    @Transactional
    public void deleteComment(Caller caller, String slug, String issueId, String commentId) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        SupportIssue issue = find(workspace, issueId);
        SupportComment comment = findComment(issue, commentId);
        if (!comment.authorId().equals(AuditActors.idOf(caller))) {
            access.require(caller, workspace, Permission.UPDATE_ORGANIZATION); // someone else's words: admins only
        }
        issues.deleteComment(comment.id());
        audit.record(caller, workspace.id(), AuditTrail.Change.deleted("support_comment", comment.publicId(),
                "Comment on support issue #" + issue.number() + " deleted", AuditTrail.fields("issue", issue.number())));
    }

    private SupportIssue find(Organization workspace, String issueId) {
        int number;
        try {
            number = Integer.parseInt(issueId);
        } catch (NumberFormatException notANumber) {
            throw NotFoundException.of("Support issue", issueId);
        }
        return issues.find(workspace.id(), number).orElseThrow(() -> NotFoundException.of("Support issue", issueId));
    }

    private SupportComment findComment(SupportIssue issue, String commentId) {
        return commentUuid(commentId).flatMap(id -> issues.findComment(issue.id(), id))
                .orElseThrow(() -> NotFoundException.of("Comment", commentId));
    }

    private static java.util.Optional<UUID> commentUuid(String id) {
        try {
            return java.util.Optional.of(TypeId.parse(SupportComment.ID_PREFIX, id));
        } catch (IllegalArgumentException notOurs) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Map<String, Object> fields(SupportIssue i) {
        return AuditTrail.fields("summary", i.summary(), "type", i.type().wire(), "priority", i.priority().wire(), "status", i.status().wire(),
                "category", i.category());
    }

    private static boolean sameContent(SupportIssue a, SupportIssue b) {
        return a.summary().equals(b.summary()) && a.description().equals(b.description()) && a.priority() == b.priority()
                && a.status() == b.status();
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
