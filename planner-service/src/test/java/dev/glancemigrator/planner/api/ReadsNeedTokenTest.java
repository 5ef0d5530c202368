package dev.glancemigrator.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.glancemigrator.api.Problem;
import dev.glancemigrator.planner.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With planner.api.reads-need-token=true, reads need the token too; health and metrics stay open. */
@QuarkusTest
@Tag("stack")
@TestProfile(ReadsNeedTokenTest.ReadsNeedToken.class)
class ReadsNeedTokenTest {

    public static class ReadsNeedToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("planner.api.reads-need-token", "true");
        }
    }

    @Test
    void readsWithoutTokenAre401WithAWrongOne403AndWithItAnswered() {
        given().get("/migrations").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("Bearer"));
        given().header("Authorization", "Bearer wrong").get("/migrations/" + UUID.randomUUID()).then().statusCode(403);
        Api.authorized().get("/migrations").then().statusCode(200);
        Api.authorized().get("/migrations/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
