package dev.glancemigrator.verifier.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RetryReason;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.events.VerifyMode;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import dev.glancemigrator.verifier.CopyFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The verifier's checks against real copies on the real clusters and Glance's real database. */
@Tag("stack")
class ImageVerifierTest {

    private static final int MIB = CopyFixture.MIB;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final LocalStack STACK = LocalStack.current();
    private static CephCluster oldCluster;
    private static CephCluster newCluster;

    private final CopyFixture fixture = new CopyFixture(STACK);
    private final ImageVerifier verifier = new ImageVerifier(new VerifyTuning(4, Duration.ofSeconds(2), false));

    @BeforeAll
    static void connect() {
        oldCluster = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.OLD), STACK.readOnlyUser(Cluster.OLD), TIMEOUT));
        newCluster = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.NEW), STACK.readOnlyUser(Cluster.NEW), TIMEOUT));
    }

    @AfterAll
    static void disconnect() {
        oldCluster.close();
        newCluster.close();
    }

    @Test
    void everyUploadedShapeVerifiesAgainstManifestAndGlancesSha512() throws Exception {
        for (byte[] data : new byte[][] {fixture.randomBytes(9 * MIB + 77), fixture.diskLikeBytes(24 * MIB),
                fixture.randomBytes(3001), new byte[0]}) {
            Copied copied = fixture.uploadedAndCopied(data);
            VerifyOutcome outcome = verify(copied);
            assertTrue(outcome.verified(), outcome.message());
            assertEquals(VerifyMode.MANIFEST_AND_HASH, outcome.mode());
            assertEquals("sha512", outcome.hashAlgorithm());
            assertEquals(sha512(data), outcome.computedHash());
        }
    }

    @Test
    void anImageWithoutRecordedHashIsComparedWithItsSource() {
        Copied copied = fixture.unregisteredAndCopied(fixture.diskLikeBytes(20 * MIB));
        VerifyOutcome outcome = verify(copied);
        assertTrue(outcome.verified(), outcome.message());
        assertEquals(VerifyMode.SOURCE_COMPARE, outcome.mode());
    }

    @Test
    void bytesOverwrittenInTheCopyFailAndNameTheFirstDifferingOffset() {
        Copied copied = fixture.uploadedAndCopied(fixture.randomBytes(12 * MIB));
        long offset = 9L * MIB + 5;
        corruptTarget(copied.imageId(), offset);

        VerifyOutcome outcome = verify(copied);
        assertFalse(outcome.verified());
        assertEquals(VerificationFailureReason.CONTENT_MISMATCH, outcome.reason());
        assertEquals(offset, outcome.firstDifferingOffset());
        assertTrue(outcome.message().contains("object 1"), outcome.message());
    }

    @Test
    void aFreshCopyThatDiffersAgainWhileTheSourceMatchesGlancesHashBlamesTheCopy() {
        Copied copied = recopied(fixture.uploadedAndCopied(fixture.randomBytes(12 * MIB)));
        corruptTarget(copied.imageId(), 9L * MIB + 5);

        VerifyOutcome outcome = verify(copied);
        assertFalse(outcome.verified());
        assertEquals(VerificationFailureReason.CONTENT_MISMATCH, outcome.reason());
        assertEquals(9L * MIB + 5, outcome.firstDifferingOffset());
        assertTrue(outcome.message().contains("made afresh after attempt 1's copy failed verification"), outcome.message());
        assertTrue(outcome.message().contains("the source matches Glance's hash; the copy differs again"), outcome.message());
        assertTrue(outcome.bytesRead() >= 2 * 12L * MIB, "the source was read too: " + outcome.bytesRead());
    }

    @Test
    void aFreshCopyThatDiffersAgainFromASourceThatNoLongerMatchesGlancesHashBlamesTheSource() {
        Copied copied = recopied(fixture.uploadedAndCopied(fixture.randomBytes(2 * MIB)));
        // As if the source's data had changed since the upload: Glance's hash no longer describes it.
        Optional<RecordedHash> forged = Optional.of(new RecordedHash("sha512", "0".repeat(128)));

        VerifyOutcome outcome = verifier.verify(copied, forged, OptionalLong.of(2 * MIB), oldCluster, newCluster,
                (d, t, r) -> { }, () -> false);
        assertFalse(outcome.verified());
        assertEquals(VerificationFailureReason.HASH_MISMATCH, outcome.reason());
        assertTrue(outcome.message().contains("the source itself no longer matches the hash Glance recorded"),
                outcome.message());
    }

    @Test
    void aFirstMismatchSaysNothingAboutTheSource() {
        Copied copied = fixture.uploadedAndCopied(fixture.randomBytes(2 * MIB));
        corruptTarget(copied.imageId(), 5);
        VerifyOutcome outcome = verify(copied);
        assertEquals(VerificationFailureReason.CONTENT_MISMATCH, outcome.reason());
        assertFalse(outcome.message().contains("source matches"), outcome.message());
        assertFalse(outcome.message().contains("again"), outcome.message());
    }

    @Test
    void aChangedHashInGlancesDatabaseFailsTheHashCheck() {
        Copied copied = fixture.uploadedAndCopied(fixture.randomBytes(2 * MIB));
        String forged = "0".repeat(128);
        CopyFixture.run("mariadb", "--no-defaults", "--socket=" + STACK.get("GM_DB_ROOT_SOCKET"), "-uroot",
                STACK.glanceDatabase(), "-e", "UPDATE images SET os_hash_value = '" + forged + "' WHERE id = '"
                        + copied.imageId() + "'");

        VerifyOutcome outcome = verify(copied);
        assertFalse(outcome.verified());
        assertEquals(VerificationFailureReason.HASH_MISMATCH, outcome.reason());
        assertTrue(outcome.message().contains("Glance recorded " + forged), outcome.message());
    }

    @Test
    void anUnprotectedOrMissingSnapshotFails() {
        Copied copied = fixture.uploadedAndCopied(fixture.randomBytes(MIB));
        RbdCli target = RbdCli.admin(STACK, Cluster.NEW);
        target.check("snap", "unprotect", fixture.spec(copied.imageId()) + "@snap");
        assertEquals(VerificationFailureReason.SNAPSHOT_UNPROTECTED, verify(copied).reason());

        target.check("snap", "rm", "--no-progress", fixture.spec(copied.imageId()) + "@snap");
        assertEquals(VerificationFailureReason.SNAPSHOT_MISSING, verify(copied).reason());
    }

    @Test
    void aManifestThatDoesNotMatchTheCopiedEventIsRejected() {
        Copied copied = fixture.uploadedAndCopied(fixture.randomBytes(MIB));
        CopyFixture.run("rados", "--conf", STACK.adminConf(Cluster.NEW).toString(), "-p", STACK.pool(), "rm",
                copied.manifest().radosObject());
        assertEquals(VerificationFailureReason.MANIFEST_INVALID, verify(copied).reason());
    }

    /** The same copy, as the copier reports it when it made it afresh for attempt 2 after attempt 1 failed verification. */
    private static Copied recopied(Copied c) {
        return new Copied(
                new EventHeader(Copied.SCHEMA_VERSION, UUID.randomUUID(), c.migrationId(), 2, c.host(), c.occurredAt()),
                c.imageId(),
                c.source(), c.target(), c.bytesRead(), c.bytesWritten(), c.zeroBytesSkipped(), c.durationMillis(), c.manifest(),
                RetryReason.VERIFICATION_FAILED, 1, c.dependents());
    }

    private VerifyOutcome verify(Copied copied) {
        Recorded recorded = recorded(copied.imageId());
        return verifier.verify(copied, recorded.hash(), recorded.size(), oldCluster, newCluster, (d, t, r) -> { },
                () -> false);
    }

    private record Recorded(OptionalLong size, Optional<RecordedHash> hash) {
    }

    private static Recorded recorded(String imageId) {
        try (Connection db = DriverManager.getConnection(STACK.glanceJdbcUrl(), STACK.dbReadOnlyUser(),
                STACK.dbReadOnlyPassword());
                PreparedStatement query = db.prepareStatement(
                        "SELECT size, os_hash_algo, os_hash_value, checksum FROM images WHERE id = ?")) {
            query.setString(1, imageId);
            ResultSet row = query.executeQuery();
            if (!row.next()) {
                return new Recorded(OptionalLong.empty(), Optional.empty());
            }
            return new Recorded(OptionalLong.of(row.getLong("size")), RecordedHash.of(row.getString("os_hash_algo"),
                    row.getString("os_hash_value"), row.getString("checksum")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites three bytes of the copy's snapshot: unprotect, remove, write, snapshot and protect again. */
    private static void corruptTarget(String imageId, long offset) {
        RbdCli admin = RbdCli.admin(STACK, Cluster.NEW);
        String spec = STACK.pool() + "/" + imageId;
        admin.check("snap", "unprotect", spec + "@snap");
        admin.check("snap", "rm", "--no-progress", spec + "@snap");
        try (CephCluster writable = CephCluster.connect(new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
                RadosPool pool = writable.openPool(STACK.pool()); RbdImage image = pool.open(imageId)) {
            Memory bytes = new Memory(3);
            bytes.write(0, new byte[] {1, 2, 3}, 0, 3);
            image.writeAsync(offset, 3, bytes).await();
            image.flush();
        }
        admin.check("snap", "create", "--no-progress", spec + "@snap");
        admin.check("snap", "protect", spec + "@snap");
    }

    private static String sha512(byte[] data) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(data));
    }
}
