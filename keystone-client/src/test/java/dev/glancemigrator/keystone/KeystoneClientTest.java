package dev.glancemigrator.keystone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeystoneClientTest {

    private final KeystoneClient client = new KeystoneClient(HttpClient.newHttpClient(), Duration.ofSeconds(5));
    private FakeKeystone keystone;

    @BeforeEach
    void start() throws Exception {
        keystone = new FakeKeystone();
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    private KeystoneCredentials.Password alice(String password) {
        return new KeystoneCredentials.Password(keystone.authUrl(), "alice", null, password, "ops", null);
    }

    @Test
    void issuesAProjectScopedTokenForAPasswordAndReadsItsIdentity() throws Exception {
        IssuedToken issued = client.issue(alice(FakeKeystone.PASSWORD));

        assertEquals("token-1", issued.token());
        assertEquals("alice", issued.identity().userName());
        assertEquals("ops", issued.identity().projectName());
        assertEquals(List.of("reader", "admin"), issued.identity().roles());
        assertTrue(keystone.lastRequestBody.contains("\"scope\":{\"project\":{\"name\":\"ops\",\"domain\":{\"name\":\"Default\"}}}"),
                keystone.lastRequestBody);
    }

    @Test
    void sendsAnApplicationCredentialByIdWithoutAScope() {
        var credential = new KeystoneCredentials.ApplicationCredential(URI.create("http://k:5000/v3/"), "ac-1", null, null,
                null, "secret");

        String body = KeystoneClient.authBody(credential).toString();

        assertEquals("{\"auth\":{\"identity\":{\"methods\":[\"application_credential\"],"
                + "\"application_credential\":{\"id\":\"ac-1\",\"secret\":\"secret\"}}}}", body);
        assertEquals(URI.create("http://k:5000/v3"), credential.identityEndpoint());
    }

    @Test
    void wrongCredentialsAreARefusalThatNamesNoSecret() {
        KeystoneRefusedException refused = assertThrows(KeystoneRefusedException.class, () -> client.issue(alice("wrong")));

        assertEquals(401, refused.status());
        assertFalse(refused.getMessage().contains("wrong"), refused.getMessage());
    }

    @Test
    void validatesAPresentedTokenWithTheServicesOwnAndSaysNothingOfAnUnknownOne() throws Exception {
        String service = client.issue(alice(FakeKeystone.PASSWORD)).token();
        String presented = client.issue(alice(FakeKeystone.PASSWORD)).token();
        URI endpoint = alice(FakeKeystone.PASSWORD).identityEndpoint();

        assertEquals("alice", client.validate(endpoint, service, presented).orElseThrow().userName());
        assertTrue(client.validate(endpoint, service, "forged").isEmpty());
        assertThrows(KeystoneRefusedException.class, () -> client.validate(endpoint, "revoked-service-token", presented));
    }

    @Test
    void aKeystoneThatDoesNotAnswerIsUnavailableNotARefusal() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = new KeystoneCredentials.Password(URI.create("http://127.0.0.1:" + closedPort), "alice", null,
                FakeKeystone.PASSWORD, "ops", null);

        assertThrows(KeystoneUnavailableException.class, () -> client.issue(nowhere));
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        assertFalse(alice(FakeKeystone.PASSWORD).toString().contains(FakeKeystone.PASSWORD));
        var credential = new KeystoneCredentials.ApplicationCredential(keystone.authUrl(), null, "ci", "alice", null, "xyz-secret");
        assertFalse(credential.toString().contains("xyz-secret"));
        assertFalse(new IssuedToken("tok-secret", new Identity("u", "alice", "p", "ops", List.of(), Instant.EPOCH))
                .toString().contains("tok-secret"));
    }

    @Test
    void aSessionKeepsItsTokenUntilNearExpiryAndIssuesAnotherWhenRenewed() throws Exception {
        ServiceSession session = new ServiceSession(client, alice(FakeKeystone.PASSWORD));

        String first = session.token();
        assertEquals(first, session.token());
        session.renew(first);
        String second = session.token();

        assertFalse(first.equals(second));
        assertEquals(2, keystone.issued.get());
    }

    @Test
    void renewingARefusedTokenKeepsTheOneAnotherThreadGotMeanwhile() throws Exception {
        ServiceSession session = new ServiceSession(client, alice(FakeKeystone.PASSWORD));
        String refused = session.token();
        session.renew(refused); // thread A saw its token refused and renewed ...
        String fresh = session.token(); // ... thread B got the new one ...

        session.renew(refused); // ... and thread B's late renewal of the same refused token
        assertEquals(fresh, session.token(), "the fresh token is kept, not issued a third time");
        assertEquals(2, keystone.issued.get());
    }

    @Test
    void aKeystoneThatDoesNotAnswerIsNotAskedAgainForAMomentAndAskedOnceItHasPassed() throws Exception {
        MutableClock clock = new MutableClock();
        ServiceSession session = new ServiceSession(client, alice(FakeKeystone.PASSWORD), clock, Duration.ofSeconds(2));
        keystone.issueFailsWith = 503;

        KeystoneUnavailableException first = assertThrows(KeystoneUnavailableException.class, session::token);
        KeystoneUnavailableException again = assertThrows(KeystoneUnavailableException.class, session::token);
        assertEquals(1, keystone.issueRequests.get(), "the second caller failed at once, with the same failure");
        assertTrue(again.getMessage().startsWith(first.getMessage()), again.getMessage());

        keystone.issueFailsWith = null;
        clock.now = clock.now.plusSeconds(1);
        assertThrows(KeystoneUnavailableException.class, session::token);
        clock.now = clock.now.plusSeconds(2);
        assertEquals("token-1", session.token(), "asked again once the failure is older than the memory");
        assertEquals(2, keystone.issueRequests.get());
    }

    @Test
    void refusedCredentialsAreNotRememberedAsAnOutage() throws Exception {
        ServiceSession session = new ServiceSession(client, alice("wrong"));
        assertThrows(KeystoneRefusedException.class, session::token);
        assertThrows(KeystoneRefusedException.class, session::token);
        assertEquals(2, keystone.issueRequests.get());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionIssuesAgainOnceHalfOfAShortLifeHasPassed() throws Exception {
        keystone.expiresAt = Instant.now().plusSeconds(2);
        ServiceSession session = new ServiceSession(client, alice(FakeKeystone.PASSWORD));

        String first = session.token();
        Thread.sleep(1_100);

        assertFalse(first.equals(session.token()));
    }
}
