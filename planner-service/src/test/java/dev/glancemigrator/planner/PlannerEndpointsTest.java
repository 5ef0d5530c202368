package dev.glancemigrator.planner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The planner service starts against the real stack and serves health, metrics and its API description. */
@QuarkusTest
@Tag("stack")
class PlannerEndpointsTest {

    @Test
    void readyWhenItsDependenciesAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("planner_outbox_unsent")).body(containsString("planner_outbox_published"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("glance-migrator planner"));
    }

    @Test
    void openApiDescribesEveryEndpointAndTheBearerToken() {
        String openApi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/migrations:", "/migrations/{id}:", "/migrations/{id}/replan:",
                "/migrations/{id}/images:", "/migrations/{id}/images/{imageId}/events:", "/migrations/{id}/events:",
                "/migrations/{id}/manifest.yaml:", "scheme: bearer"}) {
            org.junit.jupiter.api.Assertions.assertTrue(openApi.contains(path), path + " in\n" + openApi);
        }
    }
}
