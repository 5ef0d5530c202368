package dev.glancemigrator.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneCredentials;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.stack.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The planner behind the stack's real Keystone: its users' tokens are the callers, with their roles; the
 * static token still works beside them. (The rules in detail: service-api's unit tests, with a fake Keystone.)
 */
@QuarkusTest
@Tag("stack")
@TestProfile(KeystoneCallersTest.WithKeystone.class)
class KeystoneCallersTest {

    private static final String PLAN = "{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"},"
            + " \"target\": {\"cluster\": \"new\", \"pool\": \"images\"}}";

    public static class WithKeystone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!Files.isRegularFile(LocalStack.location())) {
                return Map.of(); // Quarkus asks at discovery, in the unit tier too, where no stack runs
            }
            LocalStack stack = LocalStack.current();
            return Map.of("gm.keystone.auth-url", stack.get("GM_KEYSTONE_URL"),
                    "gm.keystone.user", stack.get("GM_KEYSTONE_MIGRATOR_USER"),
                    "gm.keystone.password-file", stack.get("GM_KEYSTONE_MIGRATOR_PASSWORD_FILE"),
                    "gm.keystone.project", stack.get("GM_KEYSTONE_MIGRATOR_PROJECT"),
                    // Short, so the revocation below takes effect within the test.
                    "gm.keystone.cache-time", "PT1S");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final KeystoneClient keystone = new KeystoneClient(http, Duration.ofSeconds(10));

    /** A token of the stack's user {@code who} (OPERATOR: admin in ops; AUDITOR: reader in ops), as openstack token issue gets it. */
    private String token(String who) throws Exception {
        LocalStack stack = LocalStack.current();
        String password = Files.readString(Path.of(stack.get("GM_KEYSTONE_" + who + "_PASSWORD_FILE"))).strip();
        return keystone.issue(new KeystoneCredentials.Password(URI.create(stack.get("GM_KEYSTONE_URL")),
                stack.get("GM_KEYSTONE_" + who + "_USER"), "Default", password,
                stack.get("GM_KEYSTONE_" + who + "_PROJECT"), "Default")).token();
    }

    @Test
    void keystoneUsersAreTheCallersWithTheirRolesAndTheAuditTrailNamesThem() throws Exception {
        LocalStack stack = LocalStack.current();
        String operator = stack.get("GM_KEYSTONE_OPERATOR_USER");
        String project = stack.get("GM_KEYSTONE_OPERATOR_PROJECT");
        String reader = token("AUDITOR");
        String admin = token("OPERATOR");

        Response anonymous = given().get("/migrations");
        anonymous.then().statusCode(401).body("detail", containsString("X-Auth-Token"));
        assertEquals(List.of("Bearer", "Keystone uri=\"" + stack.get("GM_KEYSTONE_URL") + "\""),
                anonymous.getHeaders().getValues("WWW-Authenticate"));
        given().header("X-Auth-Token", "gAAAA-not-a-token").get("/migrations").then().statusCode(401);
        given().header("X-Auth-Token", reader).get("/migrations").then().statusCode(200);
        Response refused = given().header("X-Auth-Token", reader).contentType(ContentType.JSON).body(PLAN).post("/migrations");
        refused.then().statusCode(403).body("detail", containsString("admin"));
        assertFalse(refused.asString().contains(reader), "the token in the answer");

        Response planned = given().header("X-Auth-Token", admin).contentType(ContentType.JSON).body(PLAN).post("/migrations");
        planned.then().statusCode(201);
        String migration = planned.jsonPath().getString("migrationId");
        given().header("X-Auth-Token", reader).get("/migrations/" + migration).then().statusCode(200)
                .body("plannedBy", equalTo(operator + "@" + project));
        Api.authorized().post("/migrations/" + migration + "/replan").then().statusCode(200);
        Api.authorized().get("/migrations/" + migration).then().body("replannedBy", equalTo("operator"));

        // The audit trail (the kept topic, through the planner's audit consumer) names who planned. Asserted
        // apart from RestAssured, whose failed expectations would log the request, token and all.
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            Response events = given().header("X-Auth-Token", reader).get("/migrations/" + migration + "/events?size=500");
            assertEquals(200, events.statusCode());
            List<Map<String, Object>> actors = events.jsonPath()
                    .getList("items.findAll { it.type == 'migration-planned' }.event.actor");
            assertTrue(actors.stream().anyMatch(a -> operator.equals(a.get("userName")) && "keystone".equals(a.get("authMethod"))
                    && project.equals(a.get("projectName")) && String.valueOf(a.get("roles")).contains("admin")), actors::toString);
            assertTrue(actors.stream().anyMatch(a -> "static-token".equals(a.get("authMethod"))), actors::toString);
        });
        String trail = given().header("X-Auth-Token", reader).get("/migrations/" + migration + "/events?size=500").asString();
        assertFalse(trail.contains(admin) || trail.contains(reader), "a token in the audit trail");

        // Revoked (the user revokes their own token): refused once the cache time has passed.
        HttpResponse<Void> revoked = http.send(HttpRequest.newBuilder(URI.create(stack.get("GM_KEYSTONE_URL") + "/auth/tokens"))
                .header("X-Auth-Token", reader).header("X-Subject-Token", reader).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(204, revoked.statusCode());
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertEquals(401, given().header("X-Auth-Token", reader).get("/migrations").statusCode()));
    }
}
