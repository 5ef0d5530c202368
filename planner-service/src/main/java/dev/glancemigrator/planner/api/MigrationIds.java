package dev.glancemigrator.planner.api;

import dev.glancemigrator.api.BadInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Migration ids in paths: UUIDs in their canonical spelling, checked before they reach a query. */
public final class MigrationIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MigrationIds() {
    }

    /** The id in lower case; a {@link BadInputException} when it is no UUID. */
    public static String check(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new BadInputException("'" + id + "' is not a migration id (a UUID)");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
