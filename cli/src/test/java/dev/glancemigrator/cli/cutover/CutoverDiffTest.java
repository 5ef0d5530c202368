package dev.glancemigrator.cli.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutoverDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String blockers, String warnings, int rows, String config) throws Exception {
        StringBuilder changes = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            changes.append(i > 1 ? "," : "").append("""
                    {"locationId":%d,"imageId":"img-%d","oldValue":"rbd://old-fsid/images/img-%d/snap",
                     "newValue":"rbd://new-fsid/images/img-%d/snap","oldMetaData":"{}","newMetaData":"{}"}""".formatted(i, i, i, i));
        }
        return JSON.readTree("""
                {"migrationId":"m1","dryRun":true,"runKind":"full","ready":%s,"sourceFsid":"old-fsid","sourcePool":"images",
                 "targetCluster":"new","targetFsid":"new-fsid","targetPool":"images","blockers":%s,"warnings":%s,
                 "locationChanges":[%s],"config":%s,"somethingNew":1}
                """.formatted(blockers.equals("[]"), blockers, warnings, changes, config));
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starting '" + start + "' in\n" + String.join("\n", lines));
    }

    @Test
    void blockersComeFirstThenWarningsThenTheRowsAsADiff() throws Exception {
        List<String> lines = CutoverDiff.lines(plan(
                "[{\"code\":\"IMAGE_NOT_VERIFIED\",\"imageId\":\"img-9\",\"detail\":\"copying\"}]",
                "[{\"type\":\"dependents\",\"imageId\":\"img-1\",\"detail\":\"2 clones on the source\"}]", 1, "null"), 20);

        int blocked = indexOf(lines, "!!! BLOCKED");
        int warning = indexOf(lines, "  ! dependents image img-1: 2 clones on the source");
        int row = indexOf(lines, "  row 1, image img-1");
        assertTrue(blocked < warning && warning < row);
        assertEquals("  ✗ IMAGE_NOT_VERIFIED image img-9: copying", lines.get(blocked + 1));
        assertEquals("  - rbd://old-fsid/images/img-1/snap", lines.get(row + 1));
        assertEquals("  + rbd://new-fsid/images/img-1/snap", lines.get(row + 2));
        assertTrue(lines.contains("Config: unchanged (a delta run: Glance already reads the target)"));
    }

    @Test
    void manyRowsShowTheFirstFewAndACountUnlessAllAreAskedFor() throws Exception {
        List<String> some = CutoverDiff.lines(plan("[]", "[]", 30, "null"), 20);
        List<String> all = CutoverDiff.lines(plan("[]", "[]", 30, "null"), -1);

        assertTrue(some.contains("  … and 10 more rows (--all shows every row)"), String.join("\n", some));
        assertTrue(some.contains("READY: every precondition holds"));
        indexOf(all, "  row 30, image img-30");
    }

    @Test
    void theConfigChangesAreGroupedPerGlanceNodeInRolloutOrder() throws Exception {
        String config = """
                {"kind":"file",
                 "files":[{"node":"api-2","path":"/etc/ceph/new.conf","purpose":"ceph conf","content":"[global]\\nfsid = new-fsid"},
                          {"node":"api-1","path":"/etc/ceph/new.keyring","purpose":"keyring","content":null,"contentFrom":"/secrets/new.keyring"}],
                 "edits":[{"node":"api-1","path":"/etc/glance/glance-api.conf","section":"glance_store","key":"rbd_store_ceph_conf",
                           "oldValue":"/etc/ceph/old.conf","newValue":"/etc/ceph/new.conf"}],
                 "command":null,
                 "rollout":[{"node":"api-1","url":"http://a1","restartCommand":"systemctl restart glance-api"},
                            {"node":"api-2","url":"http://a2","restartCommand":null}]}""";
        List<String> lines = CutoverDiff.lines(plan("[]", "[]", 0, config), 20);

        int first = indexOf(lines, "  on api-1:");
        int second = indexOf(lines, "  on api-2:");
        assertTrue(first < second);
        assertEquals(List.of(
                "    write /etc/ceph/new.keyring (keyring), copied from /secrets/new.keyring",
                "    /etc/glance/glance-api.conf [glance_store]",
                "    - rbd_store_ceph_conf = /etc/ceph/old.conf",
                "    + rbd_store_ceph_conf = /etc/ceph/new.conf",
                "    then: restart with `systemctl restart glance-api`, must serve the sample at http://a1"),
                lines.subList(first + 1, second));
        assertEquals("    + fsid = new-fsid", lines.get(second + 3));
    }
}
