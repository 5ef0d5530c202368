package dev.glancemigrator.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One valid instance of every event type, with every optional field set but a first attempt's retry reason. */
final class SampleEvents {

    static final UUID MIGRATION = UUID.fromString("7b0e5f7e-3d1c-4c55-9a57-1d2e8f3c9a10");
    static final String IMAGE = "0ea06db9-6d8c-4802-bc74-f7bdbe9de460";
    static final Instant AT = Instant.parse("2026-11-26T05:30:00.123456Z");
    static final String HOST = "copier-1";
    static final RbdImageRef SOURCE = new RbdImageRef("old", "4c9d0f2b-2369-49dd-bb96-321d91babb6e", "images", IMAGE, "snap");
    static final RbdImageRef TARGET = new RbdImageRef("new", null, "images", IMAGE, null);
    static final Actor ACTOR = new Actor("ops@example.org", "8f2a4c1e0b9d4e5fa6b7c8d9e0f1a2b3", "admin",
            "1c2d3e4f5a6b4c7d8e9f0a1b2c3d4e5f", List.of("admin", "reader"), Actor.AuthMethod.KEYSTONE);

    private SampleEvents() {
    }

    /** A first attempt: no retry reason. */
    static CopyTask copyTask() {
        return new CopyTask(new EventHeader(2, UUID.randomUUID(), MIGRATION, 1, "planner", AT), IMAGE,
                "disque-système-ü", 16_777_216, SOURCE,
                TARGET, null);
    }

    static CopyTask retriedCopyTask() {
        return new CopyTask(new EventHeader(2, UUID.randomUUID(), MIGRATION, 2, "planner", AT), IMAGE,
                "disque-système-ü", 16_777_216, SOURCE,
                TARGET, RetryReason.VERIFICATION_FAILED);
    }

    static Copied copied() {
        CopyManifest manifest = new CopyManifest("sha256", 8_388_608, 2, "ab".repeat(32), "gm_manifest." + IMAGE);
        return new Copied(new EventHeader(4, UUID.randomUUID(), MIGRATION, 2, HOST, AT), IMAGE, SOURCE, TARGET,
                16_777_216, 1_048_576,
                15_728_640, 812, manifest, RetryReason.VERIFICATION_FAILED, 1, List.of(
                        DependentClone.found("vms", "", "0f4b1c1e-9d7a-4c3e-8a57-2b1f0c9e6d21_disk", false),
                        DependentClone.found("volumes", "tenant-a", "volume-7d9e2a44-1b3c-4e5f-9a8b-0c1d2e3f4a5b", true)));
    }

    static List<MigrationEvent> all() {
        return List.of(
                copyTask(),
                new CopyProgress(new EventHeader(1, UUID.randomUUID(), MIGRATION, 1, HOST, AT), IMAGE, 4096, 16_777_216,
                        150_000_000),
                copied(),
                new CopyFailed(new EventHeader(1, UUID.randomUUID(), MIGRATION, 2, HOST, AT), IMAGE,
                        CopyFailureReason.DESTINATION_CONFLICT, false,
                        "images/" + IMAGE + " exists on new and was not created by glance-migrator"),
                new VerifyProgress(new EventHeader(1, UUID.randomUUID(), MIGRATION, 1, "verifier-1", AT), IMAGE, 8192,
                        16_777_216, 300_000_000),
                new Verified(new EventHeader(1, UUID.randomUUID(), MIGRATION, 1, "verifier-1", AT), IMAGE,
                        VerifyMode.MANIFEST_AND_HASH,
                        "sha512", "cd".repeat(64), "cd".repeat(64), 1_048_576, 95),
                new VerificationFailed(new EventHeader(1, UUID.randomUUID(), MIGRATION, 1, "verifier-1", AT), IMAGE,
                        VerificationFailureReason.CONTENT_MISMATCH, 8_388_617L, "object 1 differs at byte 8388617"),
                new MigrationPlanned(new EventHeader(2, UUID.randomUUID(), MIGRATION, 1, "planner", AT),
                        new RbdPoolRef("old", SOURCE.fsid(), "images"), new RbdPoolRef("new", null, "images"), 7, 3, 0, 40_000_000,
                        ACTOR),
                new CutoverStarted(new EventHeader(2, UUID.randomUUID(), MIGRATION, 1, "cutover", AT),
                        "ops@example.org", ACTOR, 7),
                new CutoverCompleted(new EventHeader(3, UUID.randomUUID(), MIGRATION, 1, "cutover", AT),
                        "ops@example.org", ACTOR, 7, 4200, CutoverCompleted.FULL, java.util.List.of(IMAGE)),
                new CutoverFailed(new EventHeader(2, UUID.randomUUID(), MIGRATION, 1, "cutover", AT), "ops@example.org", ACTOR,
                        "UNVERIFIED_IMAGES",
                        "2 images are not verified; re-plan"),
                new CutoverRolledBack(new EventHeader(2, UUID.randomUUID(), MIGRATION, 1, "cutover", AT),
                        "ops@example.org", Actor.staticToken("ops@example.org"), 7));
    }
}
