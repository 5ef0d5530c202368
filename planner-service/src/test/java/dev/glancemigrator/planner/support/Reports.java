package dev.glancemigrator.planner.support;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyManifest;
import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.VerificationFailed;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.events.VerifyMode;
import dev.glancemigrator.events.VerifyProgress;
import java.util.List;
import java.util.UUID;

/** Reports as copiers and verifiers send them, for one image of one migration, put on their real topics. */
public final class Reports {

    private static final EventCodec CODEC = new EventCodec();

    private final UUID migrationId;
    private final String imageId;

    public Reports(String migrationId, String imageId) {
        this.migrationId = UUID.fromString(migrationId);
        this.imageId = imageId;
    }

    public static void send(ImageEvent event) {
        new Topic(Topics.of(event)).send(event.key(), CODEC.encode(event));
    }

    public CopyProgress copyProgress(int attempt, String host, long done, long total) {
        return new CopyProgress(EventHeader.now(1, migrationId, attempt, host), imageId, done, total,
                done);
    }

    public Copied copied(int attempt, String host, long size) {
        return copied(attempt, host, size, List.of());
    }

    /** A copy whose source snapshot has these clone children. */
    public Copied copied(int attempt, String host, long size, List<DependentClone> dependents) {
        return new Copied(EventHeader.now(Copied.SCHEMA_VERSION, migrationId, attempt, host), imageId,
                new RbdImageRef("old", null, "images", imageId, "snap"),
                new RbdImageRef("new", null, "images", imageId, "snap"), size, size, 0, 10,
                new CopyManifest("sha256", 8 << 20, 1, "ab", "manifest." + imageId), null, null, dependents);
    }

    public CopyFailed copyFailed(int attempt, String host, boolean retryable) {
        return new CopyFailed(EventHeader.now(1, migrationId, attempt, host), imageId,
                retryable ? CopyFailureReason.RETRIES_EXHAUSTED : CopyFailureReason.SOURCE_MISSING, retryable,
                "test says so");
    }

    public VerifyProgress verifyProgress(int attempt, String host, long done, long total) {
        return new VerifyProgress(EventHeader.now(1, migrationId, attempt, host), imageId, done,
                total, done);
    }

    public Verified verified(int attempt, String host, long size) {
        return new Verified(EventHeader.now(1, migrationId, attempt, host), imageId,
                VerifyMode.MANIFEST_AND_HASH, "sha512", "c0ffee", "c0ffee", size, 5);
    }

    public VerificationFailed verificationFailed(int attempt, String host) {
        return new VerificationFailed(EventHeader.now(1, migrationId, attempt, host), imageId,
                VerificationFailureReason.HASH_MISMATCH, 4096L, "test says so");
    }
}
