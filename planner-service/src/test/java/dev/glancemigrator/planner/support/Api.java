package dev.glancemigrator.planner.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/** The planner's REST API as an operator calls it, with the configured bearer token. */
public final class Api {

    private Api() {
    }

    /** The token as the planner reads it: the content of the file {@code planner.api.token-file} names. */
    public static String token() {
        Path file = ConfigProvider.getConfig().getValue("planner.api.token-file", Path.class);
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the planner's token file", e);
        }
    }

    public static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + token());
    }

    /** Plans old/images → new/images; returns the new migration's id. */
    public static String planOldToNew() {
        Response response = authorized().contentType(ContentType.JSON)
                .body("{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"},"
                        + " \"target\": {\"cluster\": \"new\", \"pool\": \"images\"}}")
                .post("/migrations");
        response.then().statusCode(201);
        return response.jsonPath().getString("migrationId");
    }
}
