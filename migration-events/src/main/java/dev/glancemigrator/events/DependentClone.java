package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An RBD clone whose parent is an image's snapshot on the source cluster: it keeps working after the
 * cutover, but the source cannot be retired while it exists. {@code kind} says what it is by the
 * naming conventions of Nova and Cinder; {@code inTrash}: moved to the trash, still holding its parent.
 */
public record DependentClone(String pool, String namespace, String image, Kind kind, boolean inTrash) {

    /** What OpenStack made the clone for, as far as its name tells; in JSON as the cutover's API spells it too. */
    public enum Kind {
        /** Nova's ephemeral disk of an instance booted from the image: {@code <instance uuid>_disk}. */
        @JsonProperty("instance-disk")
        INSTANCE_DISK,
        /** A Cinder volume created from the image: {@code volume-<volume uuid>}. */
        @JsonProperty("volume")
        VOLUME,
        /** Any other clone (made by hand, by another tool); also a kind a newer producer names. */
        @JsonEnumDefaultValue
        @JsonProperty("other")
        OTHER;

        /** As JSON spells it: {@code instance-disk}, {@code volume}, {@code other}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern INSTANCE_DISK = Pattern.compile(UUID + "_disk");
    private static final Pattern VOLUME = Pattern.compile("volume-" + UUID);

    public DependentClone {
        present(pool, "pool");
        present(image, "image");
        present(kind, "kind");
        namespace = namespace == null ? "" : namespace;
    }

    /** A clone found on a cluster, its kind told by its name. */
    public static DependentClone found(String pool, String namespace, String image, boolean inTrash) {
        return new DependentClone(pool, namespace, image, kindOf(image), inTrash);
    }

    static Kind kindOf(String image) {
        if (INSTANCE_DISK.matcher(image).matches()) {
            return Kind.INSTANCE_DISK;
        }
        return VOLUME.matcher(image).matches() ? Kind.VOLUME : Kind.OTHER;
    }

    /** pool/[namespace/]image, as the rbd CLI names it. */
    public String spec() {
        return pool + "/" + (namespace.isEmpty() ? "" : namespace + "/") + image;
    }
}
