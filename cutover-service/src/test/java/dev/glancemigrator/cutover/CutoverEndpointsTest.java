package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cutover service starts against the real stack and serves health, metrics and its API description. */
@QuarkusTest
@Tag("stack")
class CutoverEndpointsTest {

    @Test
    void readyWhenItsDependenciesAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("glance-migrator cutover"));
    }
}
