package dev.glancemigrator.cli.cleanup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dependentsListEveryChildWithItsKindAndWhetherItIsInTheTrash() throws Exception {
        List<String> lines = CleanupReport.dependents(JSON.readTree("""
                {"migrationId":"m1","sourceCluster":"old","imagesChecked":10,"imagesWithDependents":1,"dependents":2,
                 "items":[{"imageId":"img-1","imageName":"cirros","source":"images/img-1@snap",
                   "dependents":[{"pool":"vms","namespace":"","image":"i-1_disk","kind":"instance-disk","inTrash":false},
                                 {"pool":"volumes","namespace":"ns","image":"volume-2","kind":"volume","inTrash":true}]}]}"""));

        String text = String.join("\n", lines);
        assertTrue(text.contains("1 of 10 images have dependents (2 in all)"), text);
        assertTrue(text.contains("vms/i-1_disk         instance-disk  no"), text);
        assertTrue(text.contains("volumes/ns/volume-2  volume         yes"), text);
    }

    @Test
    void theCleanupPlanShowsWhatIsRemovableWhatIsKeptWithWhyAndTheTargetLeftovers() throws Exception {
        List<String> lines = CleanupReport.plan(JSON.readTree("""
                {"migrationId":"m1","cutoverCompleted":true,
                 "source":{"cluster":"old","pool":"images",
                   "removable":[{"imageId":"img-1","imageName":"a","image":"images/img-1","snapshot":"snap"}],
                   "kept":[{"imageId":"img-2","imageName":"b","image":"images/img-2","reasons":["has clones","not verified"]}]},
                 "target":{"cluster":"new","pool":"images","leftovers":[{"kind":"image","name":"images/img-3","imageId":"img-3","reason":"skipped"}]},
                 "commands":["rbd --cluster old snap unprotect images/img-1@snap"]}"""));

        String text = String.join("\n", lines);
        assertTrue(text.contains("Source old/images: 1 images removable, 1 kept"), text);
        assertTrue(text.contains("has clones; not verified"), text);
        assertTrue(text.contains("Target new/images: 1 leftovers"), text);
        assertTrue(text.contains("  rbd --cluster old snap unprotect images/img-1@snap"), text);
    }
}
