package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.keystone.KeystoneUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * After a switch or a rollback, proves that every Glance node serves the migrated images, not only
 * that it answers: a sample of them ({@code cutover.glance.check.sample-size}) is downloaded through
 * each node, one node at a time, and each download's hash must equal the one Glance recorded at upload.
 * A node on the wrong cluster, with an unreadable keyring or a wrong pool fails here, named with the
 * image it failed on. Keystone unavailable (for the migrator's token) is no failure of a node: it is waited for
 * within {@code cutover.glance.check.keystone-grace}, then a {@link KeystoneOutageException}.
 */
@ApplicationScoped
public class GlanceDownloadCheck {

    private static final Logger LOG = Logger.getLogger(GlanceDownloadCheck.class);
    /** How often a dropped connection is tried again within the grace. */
    private static final int RETRIES_PER_GRACE = 20;

    private final GlanceFleet fleet;
    private final CutoverConfig.Check config;
    private final GlanceImages images;

    @Inject
    GlanceDownloadCheck(GlanceFleet fleet, CutoverConfig config, GlanceIdentity identity) {
        this(fleet, config.glance().check(), identity);
    }

    GlanceDownloadCheck(GlanceFleet fleet, CutoverConfig.Check config, GlanceIdentity identity) {
        this.fleet = fleet;
        this.config = config;
        this.images = new GlanceImages(HttpClient.newBuilder().connectTimeout(config.downloadTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build(), config.downloadTimeout(), identity);
    }

    /**
     * Chooses the sample among {@code migratedImageIds} (the images whose rows the cutover rewrote) and
     * downloads it through every node.
     *
     * @throws GlanceNodeCheckException naming the first node and image that failed
     * @throws KeystoneOutageException Keystone stayed unavailable: nothing is known of the nodes
     */
    public void verify(Collection<String> migratedImageIds) {
        List<SampleImage> sample = sample(migratedImageIds);
        check(sample);
        LOG.infof("every Glance node served %d sampled images with their recorded hash: %s", sample.size(),
                sample.stream().map(SampleImage::id).toList());
    }

    /** Each node in fleet order, each image of {@code sample} through it; the first failure is thrown. */
    void check(List<SampleImage> sample) {
        for (GlanceNode node : fleet.nodes()) {
            for (SampleImage image : sample) {
                String served = servedHash(node, image);
                if (!served.equals(image.hash())) {
                    throw new GlanceNodeCheckException(node, image.id(), "served the image with " + image.algorithm() + " "
                            + served + ", not its recorded " + image.hash(), null);
                }
            }
        }
    }

    /** The hash of the image as the node serves it; a dropped connection is tried again within the grace. */
    private String servedHash(GlanceNode node, SampleImage image) {
        long deadline = System.nanoTime() + config.connectionGrace().toNanos();
        while (true) {
            try {
                return withKeystone(() -> images.servedHash(node, image.id(), image.algorithm()));
            } catch (GlanceImages.ErrorAnswer e) {
                throw new GlanceNodeCheckException(node, image.id(), "did not serve the image: " + e.getMessage(), e);
            } catch (IOException e) {
                if (System.nanoTime() >= deadline) {
                    throw new GlanceNodeCheckException(node, image.id(), "did not serve the image: " + e.getMessage(), e);
                }
                LOG.infof("Glance node %s dropped the download of %s (%s); trying again", node.name(), image.id(),
                        e.getMessage());
                pause(node, image);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GlanceNodeCheckException(node, image.id(), "was interrupted while serving the image", e);
            }
        }
    }

    private interface GlanceCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /**
     * {@code call}, made again while Keystone is unavailable for the migrator's token, within the Keystone grace.
     *
     * @throws KeystoneOutageException Keystone stayed unavailable for the whole grace
     */
    private <T> T withKeystone(GlanceCall<T> call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + config.keystoneGrace().toNanos();
        while (true) {
            try {
                return call.call();
            } catch (KeystoneUnavailableException e) {
                if (System.nanoTime() >= deadline) {
                    throw new KeystoneOutageException(e);
                }
                LOG.warnf("the Glance check waits for Keystone (%s)", e.getMessage());
                Thread.sleep(Math.max(1, config.keystoneGrace().dividedBy(RETRIES_PER_GRACE).toMillis()));
            }
        }
    }

    private void pause(GlanceNode node, SampleImage image) {
        try {
            Thread.sleep(config.connectionGrace().dividedBy(RETRIES_PER_GRACE).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceNodeCheckException(node, image.id(), "was interrupted while serving the image", e);
        }
    }

    /**
     * Up to sample-size images spread evenly over the ids in sorted order (reproducible, and not only
     * the first few uploads), each with the hash Glance recorded, read through the first node; an image
     * without a recorded hash is passed over for the next one.
     */
    List<SampleImage> sample(Collection<String> migratedImageIds) {
        List<String> candidates = spread(new ArrayList<>(new TreeSet<>(migratedImageIds)));
        GlanceNode first = fleet.nodes().get(0);
        List<SampleImage> sample = new ArrayList<>();
        for (String id : candidates) {
            if (sample.size() == config.sampleSize()) {
                break;
            }
            Optional<SampleImage> recorded;
            try {
                recorded = withKeystone(() -> images.recorded(first, id));
            } catch (IOException e) {
                throw new GlanceNodeCheckException(first, id, "did not give the image's recorded hash: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GlanceNodeCheckException(first, id, "was interrupted while giving the image's recorded hash", e);
            }
            recorded.ifPresent(sample::add);
        }
        return List.copyOf(sample);
    }

    /** The ids reordered so that any prefix is spread over the whole list: every k-th first, then the gaps. */
    static List<String> spread(List<String> sorted) {
        List<String> order = new ArrayList<>(sorted.size());
        int step = Integer.highestOneBit(Math.max(1, sorted.size()));
        boolean[] taken = new boolean[sorted.size()];
        for (; step >= 1; step /= 2) {
            for (int i = 0; i < sorted.size(); i += step) {
                if (!taken[i]) {
                    taken[i] = true;
                    order.add(sorted.get(i));
                }
            }
        }
        return order;
    }
}
