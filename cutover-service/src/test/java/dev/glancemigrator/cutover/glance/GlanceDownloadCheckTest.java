package dev.glancemigrator.cutover.glance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glancemigrator.api.KeystoneSettings;
import dev.glancemigrator.cutover.config.CutoverConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check against fake Glance nodes (a local HTTP server each, serving what a test tells it): a node
 * that serves other bytes, answers with an error, or lacks the admin identity's image is named with
 * the image it failed on.
 */
class GlanceDownloadCheckTest {

    /** Short, so a node that never answers fails the test quickly. */
    private static final Duration CONNECTION_GRACE = Duration.ofSeconds(2);
    /** Long enough for the session's memory of a Keystone failure (2 s) to pass once, so Keystone is asked again. */
    private static final Duration KEYSTONE_GRACE = Duration.ofSeconds(3);
    private static final String MIGRATOR_PASSWORD = "Pa55-secret";
    private static final Map<String, byte[]> IMAGES = Map.of(
            "11111111-0000-0000-0000-000000000001", "first image".getBytes(StandardCharsets.UTF_8),
            "11111111-0000-0000-0000-000000000002", "second image".getBytes(StandardCharsets.UTF_8),
            "11111111-0000-0000-0000-000000000003", "third image".getBytes(StandardCharsets.UTF_8));

    private final List<FakeGlance> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.http.stop(0));
    }

    @Test
    void passesWhenEveryNodeServesEverySampledImageWithItsRecordedHash() throws Exception {
        FakeGlance one = fake();
        FakeGlance two = fake();
        check(3, one, two).verify(IMAGES.keySet());
        assertEquals(IMAGES.size(), two.downloads.size(), "every sampled image was downloaded through the second node");
    }

    @Test
    void namesTheNodeAndTheImageThatCameBackWithOtherBytes() throws Exception {
        FakeGlance good = fake();
        FakeGlance wrong = fake();
        String bad = "11111111-0000-0000-0000-000000000002";
        wrong.served.put(bad, "what the old cluster holds".getBytes(StandardCharsets.UTF_8));

        GlanceNodeCheckException failure = assertThrows(GlanceNodeCheckException.class,
                () -> check(3, good, wrong).verify(IMAGES.keySet()));
        assertEquals("api-2", failure.node().name());
        assertEquals(bad, failure.imageId());
        assertTrue(failure.getMessage().contains("api-2 (" + wrong.url + ")") && failure.getMessage().contains(bad),
                failure.getMessage());
    }

    @Test
    void namesTheNodeThatAnswersWithAnError() throws Exception {
        FakeGlance failing = fake();
        FakeGlance good = fake();
        String missing = "11111111-0000-0000-0000-000000000001";
        failing.served.remove(missing);

        GlanceNodeCheckException failure = assertThrows(GlanceNodeCheckException.class,
                () -> check(3, failing, good).verify(IMAGES.keySet()));
        assertEquals("api-1", failure.node().name());
        assertEquals(missing, failure.imageId());
        assertTrue(failure.getMessage().contains("answered 500"), failure.getMessage());
    }

    @Test
    void aNodeThatDropsItsFirstConnectionsAfterARestartIsAskedAgainWithinTheGrace() throws Exception {
        FakeGlance restarted = fake();
        restarted.dropDownloads.set(2);

        check(1, restarted).verify(IMAGES.keySet());
        assertEquals(0, restarted.dropDownloads.get());
        assertEquals(1, restarted.downloads.size());
    }

    @Test
    void anHttpErrorIsNotAskedAgain() throws Exception {
        FakeGlance failing = fake();
        failing.served.clear();

        assertThrows(GlanceNodeCheckException.class, () -> check(1, failing).verify(IMAGES.keySet()));
        assertEquals(1, failing.downloads.size());
    }

    @Test
    void namesANodeThatDoesNotAnswerAtAll() throws Exception {
        FakeGlance good = fake();
        FakeGlance gone = fake();
        gone.http.stop(0);
        GlanceNodeCheckException failure = assertThrows(GlanceNodeCheckException.class,
                () -> check(1, good, gone).verify(IMAGES.keySet()));
        assertEquals("api-2", failure.node().name());
    }

    @Test
    void theSampleIsSpreadOverTheImagesAndItsSizeIsBounded() throws Exception {
        FakeGlance one = fake();
        GlanceDownloadCheck check = check(2, one);
        List<SampleImage> sample = check.sample(IMAGES.keySet());
        assertEquals(List.of("11111111-0000-0000-0000-000000000001", "11111111-0000-0000-0000-000000000003"),
                sample.stream().map(SampleImage::id).toList(), "the first and the last of the sorted ids");
        assertEquals("sha512", sample.get(0).algorithm());
        assertEquals(List.of("a", "e", "c", "b", "d"), GlanceDownloadCheck.spread(List.of("a", "b", "c", "d", "e")));
    }

    @Test
    void anImageWithOnlyAnMd5ChecksumIsCheckedWithIt() throws Exception {
        FakeGlance one = fake();
        one.md5Only = true;
        List<SampleImage> sample = check(1, one).sample(IMAGES.keySet());
        assertEquals("md5", sample.get(0).algorithm());
        check(1, one).check(sample);
        assertSame(1, one.downloads.size());
    }

    @Test
    void withKeystoneAsksWithTheMigratorsTokenAndRenewsOneGlanceRefuses() throws Exception {
        FakeKeystone keystone = new FakeKeystone();
        try {
            FakeGlance node = fake();
            node.acceptedToken = "token-2"; // the first one issued was revoked meanwhile

            check(1, GlanceIdentity.of(keystone.settings()), node).verify(IMAGES.keySet());

            assertEquals(2, keystone.issued.get(), "the refused token was renewed once, and the new one kept");
            assertEquals(1, node.downloads.size());
        } finally {
            keystone.http.stop(0);
        }
    }

    @Test
    void aKeystoneThatDoesNotAnswerIsAnOutageNotAFailureOfTheFirstNode() throws Exception {
        FakeKeystone keystone = new FakeKeystone();
        keystone.failWith.set(503);
        try {
            FakeGlance node = fake();
            node.acceptedToken = "token-1";
            long started = System.nanoTime();

            KeystoneOutageException outage = assertThrows(KeystoneOutageException.class,
                    () -> check(1, GlanceIdentity.of(keystone.settings()), node).verify(IMAGES.keySet()));

            assertTrue(outage.getMessage().contains("Keystone") && outage.getMessage().contains("503"), outage.getMessage());
            assertFalse(outage.getMessage().contains("api-1") || outage.getMessage().contains(node.url.toString()),
                    "no node is blamed: " + outage.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(KEYSTONE_GRACE) >= 0,
                    "Keystone was waited for within the grace");
            assertEquals(2, keystone.issues.get(), "asked again once the session's memory of the failure had passed");
            assertEquals(0, node.requests.get(), "nothing was asked of the node");
        } finally {
            keystone.http.stop(0);
        }
    }

    @Test
    void keystoneRefusingTheMigratorsCredentialsIsAnOutageToo() throws Exception {
        FakeKeystone keystone = new FakeKeystone();
        keystone.failWith.set(401);
        try {
            FakeGlance node = fake();
            KeystoneOutageException outage = assertThrows(KeystoneOutageException.class,
                    () -> check(1, GlanceIdentity.of(keystone.settings()), node).verify(IMAGES.keySet()));
            assertTrue(outage.getMessage().contains("refused the migrator's own credentials"), outage.getMessage());
            assertFalse(outage.getMessage().contains(MIGRATOR_PASSWORD), outage.getMessage());
        } finally {
            keystone.http.stop(0);
        }
    }

    @Test
    void aKeystoneBackWithinTheGraceLetsTheCheckGoOn() throws Exception {
        FakeKeystone keystone = new FakeKeystone();
        keystone.failWith.set(503);
        try {
            FakeGlance node = fake();
            node.acceptedToken = "token-1";
            Thread back = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                keystone.failWith.set(0);
            });
            back.start();

            check(1, GlanceIdentity.of(keystone.settings()), node).verify(IMAGES.keySet());

            back.join();
            assertEquals(1, node.downloads.size());
        } finally {
            keystone.http.stop(0);
        }
    }

    private GlanceDownloadCheck check(int sampleSize, FakeGlance... nodes) {
        return check(sampleSize, GlanceIdentity.unauthenticated(), nodes);
    }

    private GlanceDownloadCheck check(int sampleSize, GlanceIdentity identity, FakeGlance... nodes) {
        Map<String, CutoverConfig.Node> configured = new LinkedHashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            configured.put("api-" + (i + 1), Stubs.of(CutoverConfig.Node.class, Map.of("url", nodes[i].url,
                    "conf", Optional.empty(), "restartCommand", Optional.empty(), "cephDir", Optional.empty())));
        }
        CutoverConfig.Check config = Stubs.of(CutoverConfig.Check.class, Map.of("sampleSize", sampleSize,
                "downloadTimeout", Duration.ofSeconds(10), "connectionGrace", CONNECTION_GRACE, "keystoneGrace", KEYSTONE_GRACE));
        return new GlanceDownloadCheck(new GlanceFleet(configured), config, identity);
    }

    private FakeGlance fake() throws IOException {
        FakeGlance fake = new FakeGlance();
        servers.add(fake);
        return fake;
    }

    /** Keystone's token issue, for the migrator: refused with {@link #failWith} when set (non-zero). */
    private static final class FakeKeystone {
        final HttpServer http;
        final AtomicInteger failWith = new AtomicInteger();
        /** Issue requests, answered or refused. */
        final AtomicInteger issues = new AtomicInteger();
        /** Tokens issued. */
        final AtomicInteger issued = new AtomicInteger();

        FakeKeystone() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/v3/auth/tokens", exchange -> {
                exchange.getRequestBody().readAllBytes();
                issues.incrementAndGet();
                int failure = failWith.get();
                if (failure != 0) {
                    FakeGlance.answer(exchange, failure, new byte[0]);
                    return;
                }
                exchange.getResponseHeaders().add("X-Subject-Token", "token-" + issued.incrementAndGet());
                FakeGlance.answer(exchange, 201, ("{\"token\": {\"expires_at\": \"2099-01-01T00:00:00.000000Z\", \"roles\": []}}")
                        .getBytes(StandardCharsets.UTF_8));
            });
            http.start();
        }

        KeystoneSettings settings() {
            return new KeystoneSettings(Optional.of(URI.create("http://127.0.0.1:" + http.getAddress().getPort())),
                    "migrator", MIGRATOR_PASSWORD, "service", "Default", "Default", Duration.ofSeconds(30), 10, Set.of("reader"),
                    Set.of("admin"), Duration.ofSeconds(5));
        }
    }

    /** One Glance node: image records carry the hashes of {@link #IMAGES}; the files are what {@link #served} holds. */
    private static final class FakeGlance {
        final HttpServer http;
        final URI url;
        final Map<String, byte[]> served = new ConcurrentHashMap<>(IMAGES);
        final List<String> downloads = new ArrayList<>();
        /** Every request the node received. */
        final AtomicInteger requests = new AtomicInteger();
        volatile boolean md5Only;
        /** Set: the node authenticates through Keystone and takes this token only, not the admin headers. */
        volatile String acceptedToken;
        /** Downloads still to be dropped without an answer, as a node whose workers are starting does. */
        final AtomicInteger dropDownloads = new AtomicInteger();

        FakeGlance() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/v2/images/", this::handle);
            http.start();
            url = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
        }

        private void handle(HttpExchange exchange) throws IOException {
            requests.incrementAndGet();
            String[] path = exchange.getRequestURI().getPath().split("/");
            String id = path[3];
            if (acceptedToken != null && !acceptedToken.equals(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
                answer(exchange, 401, new byte[0]);
                return;
            }
            boolean admin = acceptedToken != null || "admin".equals(exchange.getRequestHeaders().getFirst("X-Roles"));
            if (!admin || !IMAGES.containsKey(id)) {
                answer(exchange, 404, new byte[0]);
            } else if (path.length == 5 && path[4].equals("file") && dropDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.close();
            } else if (path.length == 5 && path[4].equals("file")) {
                synchronized (downloads) {
                    downloads.add(id);
                }
                byte[] data = served.get(id);
                answer(exchange, data == null ? 500 : 200, data == null ? new byte[0] : data);
            } else {
                String record = md5Only
                        ? "{\"id\": \"%s\", \"checksum\": \"%s\", \"os_hash_algo\": null, \"os_hash_value\": null}".formatted(id,
                                hash("MD5", IMAGES.get(id)))
                        : "{\"id\": \"%s\", \"checksum\": \"%s\", \"os_hash_algo\": \"sha512\", \"os_hash_value\": \"%s\"}".formatted(id,
                                hash("MD5", IMAGES.get(id)), hash("SHA-512", IMAGES.get(id)));
                answer(exchange, 200, record.getBytes(StandardCharsets.UTF_8));
            }
        }

        private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private static String hash(String algorithm, byte[] data) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
