package dev.glancemigrator.cutover.glance;

/** A Glance node that did not answer, or did not serve an image of the sample with its recorded hash. */
public class GlanceNodeCheckException extends IllegalStateException {

    private final GlanceNode node;
    private final String imageId;

    GlanceNodeCheckException(GlanceNode node, String imageId, String what, Throwable cause) {
        super("Glance node " + node.name() + " (" + node.url() + ") " + what + (imageId == null ? "" : " (image " + imageId + ")"),
                cause);
        this.node = node;
        this.imageId = imageId;
    }

    public GlanceNode node() {
        return node;
    }

    /** The image it failed on; null when it failed before any (the metadata of the sample could not be read). */
    public String imageId() {
        return imageId;
    }
}
