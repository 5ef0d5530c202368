package dev.glancemigrator.cutover.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.support.MigrationFixture;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The row switch against Glance's real database: every journaled row rewritten in one transaction (values and
 * meta_data), or none when one row is not as journaled; and the restore putting back exactly the old values.
 */
@QuarkusTest
@Tag("stack")
class GlanceRowsSwitchTest {

    private static final String TARGET_FSID = UUID.randomUUID().toString();
    private static final String NEW_META = "{\"store\": \"ceph-new\"}";

    @Inject
    GlanceRows rows;

    private MigrationFixture fixture;
    private List<LocationChange> journal;

    @BeforeEach
    void journalThreeImages() {
        fixture = new MigrationFixture();
        journal = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String image = fixture.upload("row-switch-" + i, 4096);
            Map<String, Object> row = fixture.glanceRows.rows("SELECT id, meta_data FROM " + fixture.stack.glanceDatabase()
                    + ".image_locations WHERE image_id = ? AND deleted = 0", image).get(0);
            journal.add(new LocationChange(((Number) row.get("id")).longValue(), image,
                    fixture.locationOn(fixture.sourceFsid, image), fixture.locationOn(TARGET_FSID, image),
                    (String) row.get("meta_data"), NEW_META));
        }
    }

    @AfterEach
    void removeThem() {
        fixture.close();
    }

    @Test
    void aRowChangedSinceTheJournalFailsTheSwitchAndChangesNothing() {
        LocationChange changed = journal.get(1);
        String elsewhere = fixture.locationOn(UUID.randomUUID().toString(), changed.imageId());
        setValue(changed, changed.oldValue(), elsewhere);
        try {
            RowsChangedException refused = assertThrows(RowsChangedException.class,
                    () -> rows.switchRows(journal, fixture.sourceFsid, fixture.stack.pool(), () -> { }));
            assertTrue(refused.getMessage().contains("location " + changed.locationId() + " "), refused.getMessage());
            assertEquals(List.of(journal.get(0).oldValue(), elsewhere, journal.get(2).oldValue()), values());
        } finally {
            setValue(changed, elsewhere, changed.oldValue());
        }
    }

    @Test
    void everyRowIsSwitchedAndTheRestorePutsEveryOldValueBack() throws Exception {
        rows.switchRows(journal, fixture.sourceFsid, fixture.stack.pool(), () -> { });
        assertEquals(journal.stream().map(LocationChange::newValue).toList(), values());
        assertEquals(List.of(NEW_META, NEW_META, NEW_META), metaData());

        RowRestore restore = rows.restore(journal);

        assertEquals(new RowRestore(3, 0, 0), restore);
        assertEquals(journal.stream().map(LocationChange::oldValue).toList(), values());
        assertEquals(journal.stream().map(LocationChange::oldMetaData).toList(), metaData());
        assertEquals(new RowRestore(0, 3, 0), rows.restore(journal), "a second restore finds them old");
    }

    private void setValue(LocationChange row, String from, String to) {
        assertEquals(1, fixture.glanceRows.execute("UPDATE " + fixture.stack.glanceDatabase()
                + ".image_locations SET value = ? WHERE id = ? AND value = ?", to, row.locationId(), from));
    }

    private List<String> values() {
        return column("value");
    }

    private List<String> metaData() {
        return column("meta_data");
    }

    private List<String> column(String name) {
        return journal.stream().map(row -> (String) fixture.glanceRows.rows("SELECT " + name + " FROM "
                + fixture.stack.glanceDatabase() + ".image_locations WHERE id = ?", row.locationId()).get(0).get(name)).toList();
    }
}
