package dev.glancemigrator.ceph;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A connection blocklisted for real (as librbd does to a lock holder whose lock it breaks):
 * every operation fails with EBLOCKLISTED, the probe drops the connection, the next probe makes a
 * new one, and the old one shuts down once what was open on it is closed.
 */
@Tag("stack")
class BlocklistedConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int OBJECT_ORDER = 22;
    private static final Pattern WATCHER = Pattern.compile("\"address\":\"([^\"]+)\"");

    private final LocalStack stack = LocalStack.current();
    private final String name = "ceph-access-blocklist-test-" + UUID.randomUUID();

    @Test
    void aBlocklistedConnectionIsDroppedAndTheNextProbeConnectsAnew() {
        CephConnections connections = new CephConnections(Map.of("new", new CephConnections.Access(
                stack.readWriteConf(), stack.readWriteUser(), stack.pool(), true)), TIMEOUT, "blocklist-test");
        String address = null;
        try {
            assertTrue(connections.probe(), connections.problems().toString());
            CephCluster first = connections.cluster("new").orElseThrow();
            RadosPool pool = first.openPool(stack.pool());
            pool.createImage(name, new ImageLayout(4L << 20, OBJECT_ORDER,
                    ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK, 1L << OBJECT_ORDER, 1));
            RbdImage image = pool.open(name);
            image.acquireExclusiveLock();
            address = watcher();
            ceph("osd", "blocklist", "add", address);

            CephException refused = awaitRefusal(image);
            assertTrue(refused.blocklisted(), refused.getMessage());

            assertFalse(connections.probe());
            assertTrue(connections.problems().get("new").contains("blocklisted"), connections.problems().toString());
            assertTrue(connections.cluster("new").isEmpty(), "dropped");
            first.checkOpen(); // retired, but the image and pool still open on it keep it up
            assertThrows(IllegalStateException.class, () -> first.openPool(stack.pool()), "nothing new opens on it");
            closeQuietly(image);
            pool.close();
            assertThrows(IllegalStateException.class, first::checkOpen, "shut down after its last user");

            assertTrue(connections.probe(), connections.problems().toString());
            CephCluster second = connections.cluster("new").orElseThrow();
            assertNotSame(first, second);
            try (RadosPool again = second.openPool(stack.pool())) {
                again.removeImage(name);
            }
        } finally {
            if (address != null) {
                ceph("osd", "blocklist", "rm", address);
            }
            connections.close();
        }
    }

    /** Writes until the OSD, once it has the map that blocklists this client, refuses. */
    private static CephException awaitRefusal(RbdImage image) {
        Memory buffer = new Memory(4096);
        buffer.clear();
        return await("writes refused after the blocklisting").atMost(TIMEOUT).pollInSameThread()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                    try {
                        image.writeAsync(0, 4096, buffer).await();
                        return Optional.<CephException>empty();
                    } catch (CephException e) {
                        return Optional.of(e);
                    }
                }, Optional::isPresent).orElseThrow();
    }

    /** rbd_close on a blocklisted client may report the lock it could not release; the image is gone either way. */
    private static void closeQuietly(RbdImage image) {
        try {
            image.close();
        } catch (CephException e) {
            assertTrue(e.blocklisted(), e.getMessage());
        }
    }

    /** The address of the one client watching the image: this test's connection. */
    private String watcher() {
        String status = RbdCli.admin(stack, Cluster.NEW).check("status", "--format", "json", stack.pool() + "/" + name);
        Matcher watcher = WATCHER.matcher(status);
        assertTrue(watcher.find(), status);
        String address = watcher.group(1);
        assertFalse(watcher.find(), "one watcher: " + status);
        return address;
    }

    private void ceph(String... args) {
        List<String> command = new ArrayList<>(List.of("ceph", "--conf", stack.adminConf(Cluster.NEW).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ceph " + String.join(" ", args));
            assertEquals(0, process.exitValue(), "ceph " + String.join(" ", args) + ": " + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
