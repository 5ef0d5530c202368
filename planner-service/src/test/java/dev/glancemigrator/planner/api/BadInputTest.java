package dev.glancemigrator.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.api.Problem;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every bad request answers 4xx with a problem saying what is wrong, and changes nothing in the ledger. */
@QuarkusTest
@Tag("stack")
class BadInputTest {

    private static final String GOOD_TARGET = "\"target\": {\"cluster\": \"new\", \"pool\": \"images\"}";

    private final Sql ledger = Sql.ledger();
    private List<Long> before;

    private List<Long> ledgerCounts() {
        // processed_event is left out: other services' tests may report on their own migrations meanwhile.
        return List.of("migration", "image_task", "task_attempt", "outbox").stream()
                .map(table -> ledger.count("SELECT COUNT(*) FROM " + table)).toList();
    }

    @BeforeEach
    void countBefore() {
        before = ledgerCounts();
    }

    @AfterEach
    void nothingChanged() {
        assertEquals(before, ledgerCounts(), "the ledger (migration, image_task, task_attempt, outbox)");
    }

    private static ValidatableResponse plan(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON).body(body).post("/migrations").then();
    }

    private static void saysWhy(ValidatableResponse response, int status, String text) {
        response.statusCode(status).contentType(Problem.MEDIA_TYPE).body("status", equalTo(status))
                .body("title", not(emptyOrNullString())).body("detail", containsString(text));
    }

    @Test
    void planWithoutTokenIs401AndWithAWrongOneIs403() {
        String body = "{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"}, " + GOOD_TARGET + "}";
        saysWhy(plan(given(), body), 401, "Bearer");
        plan(given(), body).header("WWW-Authenticate", "Bearer");
        saysWhy(plan(given().header("Authorization", "Bearer not-" + Api.token()), body), 403, "not valid");
        saysWhy(plan(given().header("Authorization", "Basic " + Api.token()), body), 401, "Bearer");
        saysWhy(given().post("/migrations/" + UUID.randomUUID() + "/replan").then(), 401, "Bearer");
    }

    @Test
    void malformedBodiesAre400() {
        saysWhy(plan(Api.authorized(), "{\"source\": "), 400, "malformed JSON");
        saysWhy(plan(Api.authorized(), "{\"source\": \"old\", " + GOOD_TARGET + "}"), 400, "source");
        saysWhy(plan(Api.authorized(), "[]"), 400, "malformed JSON");
        saysWhy(plan(Api.authorized(), ""), 400, "body is required");
        saysWhy(plan(Api.authorized(), "{" + GOOD_TARGET + "}"), 400, "'source' is required");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\"}, " + GOOD_TARGET + "}"), 400,
                "'source.pool' is required");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\", \"pool\": \"images/x\"}, " + GOOD_TARGET
                + "}"), 400, "not a pool name");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"}}"), 400,
                "'target' is required");
        Api.authorized().contentType(ContentType.TEXT).body("old to new").post("/migrations").then().statusCode(415)
                .contentType(Problem.MEDIA_TYPE).body("detail", not(emptyOrNullString()));
    }

    @Test
    void unknownClustersAndFsidsAre400() {
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"older\", \"pool\": \"images\"}, " + GOOD_TARGET
                + "}"), 400, "unknown source cluster 'older'");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"fsid\": \"" + UUID.randomUUID() + "\", \"pool\": \"images\"}, "
                + GOOD_TARGET + "}"), 400, "unknown source fsid");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\", \"fsid\": \""
                + LocalStack.current().fsid(LocalStack.Cluster.NEW) + "\", \"pool\": \"images\"}, " + GOOD_TARGET + "}"),
                400, "has fsid");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"}, "
                + "\"target\": {\"cluster\": \"newer\", \"pool\": \"images\"}}"), 400, "unknown target cluster 'newer'");
        saysWhy(plan(Api.authorized(), "{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"}, "
                + "\"target\": {\"cluster\": \"old\", \"pool\": \"images\"}}"), 400, "same pool");
    }

    @Test
    void unknownOrMalformedMigrationIdsAre404Or400() {
        String unknown = UUID.randomUUID().toString();
        saysWhy(Api.authorized().post("/migrations/" + unknown + "/replan").then(), 404, "no migration " + unknown);
        saysWhy(Api.authorized().post("/migrations/not-a-uuid/replan").then(), 400, "not a migration id");
        saysWhy(given().get("/migrations/" + unknown).then(), 404, "no migration");
        saysWhy(given().get("/migrations/" + unknown + "/images").then(), 404, "no migration");
        saysWhy(given().get("/migrations/" + unknown + "/events").then(), 404, "no migration");
        saysWhy(given().get("/migrations/" + unknown + "/manifest.yaml").then(), 404, "no migration");
        saysWhy(given().get("/migrations/" + unknown + "/images/x/events").then(), 404, "no migration");
        saysWhy(given().get("/migrations/x%20y").then(), 400, "not a migration id");
    }

    @Test
    void badFiltersAndPagesAre400() {
        String existing = ledger.strings("SELECT id FROM migration LIMIT 1").stream().findFirst()
                .orElseGet(() -> {
                    String id = Api.planOldToNew();
                    before = ledgerCounts();
                    return id;
                });
        String images = "/migrations/" + existing + "/images";
        saysWhy(given().get(images + "?state=done").then(), 400, "unknown state 'done'");
        saysWhy(given().get(images + "?size=0").then(), 400, "'size' must be between 1 and");
        saysWhy(given().get(images + "?size=100000").then(), 400, "'size' must be between 1 and");
        saysWhy(given().get(images + "?page=-1").then(), 400, "'page' counts from 0");
        saysWhy(given().get(images + "?page=two").then(), 400, "'page' must be a whole number");
        saysWhy(given().get("/migrations/" + existing + "/events?size=x").then(), 400, "'size' must be a whole number");
        saysWhy(given().get("/migrations/" + existing + "/images/no-such-image/events").then(), 404,
                "not in migration");
    }
}
