package dev.glancemigrator.verifier;

import dev.glancemigrator.stack.ServiceEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;

/** The verifier service starts against the real stack and serves health, metrics and its API description. */
@Tag("stack")
@QuarkusTest
class VerifierEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String apiTitle() {
        return "glance-migrator verifier";
    }
}
