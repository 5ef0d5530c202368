package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.RetryReason;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One Glance image in one migration: its state, attempt, and what copiers and verifiers reported. */
@Entity
@Table(name = "image_task")
public class ImageTask extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "migration_id")
    public String migrationId;

    @Column(name = "image_id")
    public String imageId;

    @Column(name = "image_name")
    public String imageName;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "glance_status")
    public String glanceStatus;

    @Column(name = "source_location")
    public String sourceLocation;

    @Column(name = "source_image")
    public String sourceImage;

    @Column(name = "source_snapshot")
    public String sourceSnapshot;

    @Convert(converter = TaskStateColumn.class)
    public TaskState state;

    public String reason;

    /** The attempt last published; 0 while nothing was (out of scope). */
    public int attempt;

    /** Why the current attempt was published; null for a first attempt. */
    @Enumerated(EnumType.STRING)
    @Column(name = "retry_reason")
    public RetryReason retryReason;

    @Column(name = "planned_in_run")
    public int plannedInRun;

    @Column(name = "bytes_copied")
    public long bytesCopied;

    @Column(name = "bytes_verified")
    public long bytesVerified;

    @Column(name = "bytes_read")
    public Long bytesRead;

    @Column(name = "bytes_written")
    public Long bytesWritten;

    @Column(name = "zero_bytes_skipped")
    public Long zeroBytesSkipped;

    /** How many clone children the source snapshot had, as the latest applied copied listed them ({@link ImageDependent}). */
    public int dependents;

    @Column(name = "copy_host")
    public String copyHost;

    @Column(name = "verify_host")
    public String verifyHost;

    @Column(name = "copy_duration_ms")
    public Long copyDurationMillis;

    @Column(name = "verify_duration_ms")
    public Long verifyDurationMillis;

    @Column(name = "verify_mode")
    public String verifyMode;

    @Column(name = "hash_algorithm")
    public String hashAlgorithm;

    @Column(name = "recorded_hash")
    public String recordedHash;

    @Column(name = "computed_hash")
    public String computedHash;

    @Column(name = "last_failure")
    public String lastFailure;

    @Column(name = "planned_at")
    public Instant plannedAt;

    @Column(name = "copy_started_at")
    public Instant copyStartedAt;

    @Column(name = "copied_at")
    public Instant copiedAt;

    @Column(name = "verify_started_at")
    public Instant verifyStartedAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<ImageTask> find(String migrationId, String imageId) {
        return find("migrationId = ?1 and imageId = ?2", migrationId, imageId).firstResultOptional();
    }

    /** For an update that must not race another consumer's: the row stays locked until commit. */
    public static Optional<ImageTask> findForUpdate(String migrationId, String imageId) {
        return find("migrationId = ?1 and imageId = ?2", migrationId, imageId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** A task's row id, image and state: all a re-plan's walk needs of the tasks it leaves as they are. */
    public record Known(long id, String imageId, TaskState state) {
    }

    /**
     * Up to {@code limit} tasks of a migration planned before run {@code run}, with an image id after
     * {@code afterImageId} (null: from the first), in image id order, as {@link Known}: one page of a walk beside
     * Glance's inventory, one range read of the (migration_id, image_id) key per page, no entity loaded.
     */
    public static List<Known> plannedBefore(String migrationId, int run, String afterImageId, int limit) {
        TypedQuery<Object[]> query = getEntityManager().createQuery("select t.id, t.imageId, t.state from ImageTask t"
                        + " where t.migrationId = ?1 and t.plannedInRun < ?2"
                        + (afterImageId == null ? "" : " and t.imageId > ?3") + " order by t.imageId", Object[].class)
                .setParameter(1, migrationId)
                .setParameter(2, run);
        if (afterImageId != null) {
            query.setParameter(3, afterImageId);
        }
        return query.setMaxResults(limit).getResultStream()
                .map(row -> new Known((Long) row[0], (String) row[1], (TaskState) row[2]))
                .toList();
    }

    /**
     * Up to {@code limit} verified tasks of a migration that come after {@code after} (null: from the
     * start) in (verifiedAt, imageId) order: one page of a walk through all of them, by keyset, so
     * each page is one index range read however far the walk has got.
     */
    public static List<ImageTask> verifiedAfter(String migrationId, ImageTask after, int limit) {
        Sort order = Sort.ascending("verifiedAt").and("imageId");
        PanacheQuery<ImageTask> query = after == null
                ? find("migrationId = ?1 and verifiedAt is not null", order, migrationId)
                : find("migrationId = ?1 and verifiedAt is not null"
                        + " and (verifiedAt > ?2 or (verifiedAt = ?2 and imageId > ?3))", order, migrationId, after.verifiedAt,
                        after.imageId);
        return query.page(0, limit).list();
    }

    /** Clears what the previous attempt reported, before the task is published again for {@code reason}. */
    public void resetForAttempt(int next, RetryReason reason, Instant now) {
        attempt = next;
        retryReason = reason;
        state = TaskState.PLANNED;
        bytesCopied = 0;
        bytesVerified = 0;
        bytesRead = null;
        bytesWritten = null;
        zeroBytesSkipped = null;
        copyHost = null;
        verifyHost = null;
        copyDurationMillis = null;
        verifyDurationMillis = null;
        verifyMode = null;
        hashAlgorithm = null;
        recordedHash = null;
        computedHash = null;
        copyStartedAt = null;
        copiedAt = null;
        verifyStartedAt = null;
        verifiedAt = null;
        finishedAt = null;
        updatedAt = now;
    }
}
