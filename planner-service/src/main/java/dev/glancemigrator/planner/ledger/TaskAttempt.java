package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.RetryReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One published attempt of one image task: why it was published, and how it ended. */
@Entity
@Table(name = "task_attempt")
public class TaskAttempt extends PanacheEntityBase {

    /** How an attempt ended. */
    public static final String VERIFIED = "verified";
    public static final String COPY_FAILED = "copy_failed";
    public static final String VERIFICATION_FAILED = "verification_failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public long taskId;

    public int attempt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Why this attempt was published; null for a first attempt. */
    @Enumerated(EnumType.STRING)
    @Column(name = "retry_reason")
    public RetryReason retryReason;

    @Column(name = "copy_host")
    public String copyHost;

    @Column(name = "copied_at")
    public Instant copiedAt;

    @Column(name = "verify_host")
    public String verifyHost;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    public String outcome;

    public String reason;

    public static TaskAttempt start(ImageTask task, Instant now) {
        TaskAttempt attempt = new TaskAttempt();
        attempt.taskId = task.id;
        attempt.attempt = task.attempt;
        attempt.publishedAt = now;
        attempt.retryReason = task.retryReason;
        attempt.persist();
        return attempt;
    }

    public static Optional<TaskAttempt> of(ImageTask task, int attempt) {
        return find("taskId = ?1 and attempt = ?2", task.id, attempt).firstResultOptional();
    }
}
