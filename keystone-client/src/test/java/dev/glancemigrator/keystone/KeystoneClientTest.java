package dev.glancemigrator.keystone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
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
        session.renew();
        String second = session.token();

        assertFalse(first.equals(second));
        assertEquals(2, keystone.issued.get());
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
