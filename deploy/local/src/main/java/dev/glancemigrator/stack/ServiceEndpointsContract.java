package dev.glancemigrator.stack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service serves once it starts against the real stack: readiness when its dependencies
 * answer, Prometheus metrics and its API description. Each service's {@code *EndpointsTest} extends
 * it as a {@code @QuarkusTest} tagged {@code stack}.
 */
public abstract class ServiceEndpointsContract {

    /** The OpenAPI title the service declares ({@code quarkus.smallrye-openapi.info-title}). */
    protected abstract String apiTitle();

    @Test
    void readyWhenItsDependenciesAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString(apiTitle()));
    }
}
