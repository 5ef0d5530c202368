package dev.glancemigrator.verifier.glance;

import dev.glancemigrator.api.DatabaseProbe;
import dev.glancemigrator.verifier.VerifierConfig;
import dev.glancemigrator.worker.readiness.Dependency;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Glance's database as a dependency of the verifier: a verdict needs the hash Glance recorded, so
 * while the database does not answer the verifier takes no copies and holds the ones in hand.
 */
@ApplicationScoped
public class GlanceDatabase implements Dependency {

    static final String NAME = "glance-database";

    private final DatabaseProbe probe;

    GlanceDatabase(AgroalDataSource glance, VerifierConfig config) {
        this.probe = new DatabaseProbe(glance, config.databaseTimeout());
    }

    @Override
    public Map<String, String> problems() {
        return probe.problem().map(why -> Map.of(NAME, "does not answer: " + why)).orElse(Map.of());
    }
}
