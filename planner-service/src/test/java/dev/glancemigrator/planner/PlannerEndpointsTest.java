package dev.glancemigrator.planner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.glancemigrator.stack.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The planner service starts against the real stack and serves health, metrics and its API description. */
@QuarkusTest
@Tag("stack")
class PlannerEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String apiTitle() {
        return "glance-migrator planner";
    }

    @Test
    void servesTheOutboxMetrics() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("planner_outbox_unsent")).body(containsString("planner_outbox_published"));
    }

    @Test
    void openApiDescribesEveryEndpointAndTheBearerToken() {
        String openApi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/migrations:", "/migrations/{id}:", "/migrations/{id}/replan:",
                "/migrations/{id}/images:", "/migrations/{id}/images/{imageId}/events:", "/migrations/{id}/events:",
                "/migrations/{id}/manifest.yaml:", "scheme: bearer", "name: X-Auth-Token"}) {
            org.junit.jupiter.api.Assertions.assertTrue(openApi.contains(path), path + " in\n" + openApi);
        }
    }
}
