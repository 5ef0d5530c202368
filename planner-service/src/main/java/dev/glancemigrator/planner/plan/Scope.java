package dev.glancemigrator.planner.plan;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which Glance images a migration copies. In scope: an image whose status holds data and that has a
 * live location row ({@code deleted = 0}, status not {@code pending_delete}) on the source cluster and
 * pool. Everything else is listed with the reason it is left alone.
 */
public final class Scope {

    /** Glance statuses whose image data exists and must move with the store. */
    static final Set<String> STATUSES_WITH_DATA = Set.of("active", "deactivated");

    private static final String PENDING_DELETE = "pending_delete";

    private Scope() {
    }

    /** What the plan does with one image. */
    public sealed interface Decision permits Copy, LeaveAlone {
    }

    /** Copy from this location row. */
    public record Copy(String url, RbdLocation.Full location) implements Decision {
    }

    /** Never touched; {@code reason} says why, for the operator. */
    public record LeaveAlone(String reason) implements Decision {
    }

    public static Decision decide(GlanceImage image, SourcePool source) {
        String status = image.status() == null ? "" : image.status().toLowerCase(Locale.ROOT);
        if (image.deleted()) {
            return new LeaveAlone("image deleted in Glance (status " + status + ")");
        }
        if (!STATUSES_WITH_DATA.contains(status)) {
            return new LeaveAlone("image status " + status + " holds no data to copy");
        }
        if (image.sizeBytes() == null) {
            return new LeaveAlone("image status " + status + " but no size recorded");
        }
        List<GlanceImage.Location> locations = image.locations();
        if (locations.isEmpty()) {
            return new LeaveAlone("no location row");
        }
        String firstWhyNot = null;
        for (GlanceImage.Location row : locations) {
            RbdLocation parsed = RbdLocation.parse(row.url());
            String whyNot = whyNotCopied(row, parsed, source);
            if (whyNot == null) {
                return new Copy(row.url(), (RbdLocation.Full) parsed);
            }
            if (firstWhyNot == null || isOnSource(parsed, source)) {
                // A reason about the source's own row says more than one about another cluster's.
                firstWhyNot = whyNot;
            }
        }
        return new LeaveAlone(firstWhyNot);
    }

    /** Null when this row is the live source copy; else why it is not. */
    private static String whyNotCopied(GlanceImage.Location row, RbdLocation parsed, SourcePool source) {
        if (parsed instanceof RbdLocation.Unhandled unhandled) {
            return unhandled.why();
        }
        if (parsed instanceof RbdLocation.ImageOnly) {
            return "rbd location without fsid and pool (rbd://<image>): its cluster is unknown";
        }
        if (!isOnSource(parsed, source)) {
            return "no location on the source " + source.fsid() + "/" + source.pool();
        }
        if (row.deleted()) {
            return "location row on the source is deleted";
        }
        if (PENDING_DELETE.equalsIgnoreCase(row.status())) {
            return "location row on the source is pending_delete";
        }
        return null;
    }

    /**
     * Whether the image was cut over to the target: it still holds data and has a live location row in the
     * target pool (on the target's fsid, when the ledger knows it; else on any cluster but the source). Such
     * an image is no longer on the source, yet a re-plan of a migration already cut over must keep it as
     * it is, not skip it as if it had left Glance.
     */
    public static boolean cutOver(GlanceImage image, SourcePool source, String targetFsid, String targetPool) {
        String status = image.status() == null ? "" : image.status().toLowerCase(Locale.ROOT);
        if (image.deleted() || !STATUSES_WITH_DATA.contains(status)) {
            return false;
        }
        for (GlanceImage.Location row : image.locations()) {
            if (row.deleted() || PENDING_DELETE.equalsIgnoreCase(row.status())
                    || !(RbdLocation.parse(row.url()) instanceof RbdLocation.Full full)) {
                continue;
            }
            boolean onTargetCluster = targetFsid != null ? full.fsid().equalsIgnoreCase(targetFsid)
                    : !full.fsid().equalsIgnoreCase(source.fsid());
            if (onTargetCluster && full.pool().equals(targetPool)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOnSource(RbdLocation parsed, SourcePool source) {
        return parsed instanceof RbdLocation.Full full && full.isOn(source.fsid(), source.pool());
    }
}
