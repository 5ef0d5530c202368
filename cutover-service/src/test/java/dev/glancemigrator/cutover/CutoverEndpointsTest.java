package dev.glancemigrator.cutover;

import dev.glancemigrator.stack.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;

/** The cutover service starts against the real stack and serves health, metrics and its API description. */
@Tag("stack")
@QuarkusTest
class CutoverEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String apiTitle() {
        return "glance-migrator cutover";
    }
}
