package dev.glancemigrator.cutover.glance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the store's keys change; every other line, comment and section stays as it was. */
class IniSectionTest {

    private static final String CONF = "[DEFAULT]\nrbd_store_user = keep\n\n[ceph]\n# comment\nrbd_store_ceph_conf = /old/ceph.conf\n"
            + "rbd_store_user = glance\nrbd_store_chunk_size = 8\n\n[other]\nx = 1\n";

    @Test
    void setsKeysInTheirSectionOnly() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("rbd_store_ceph_conf", "/new/ceph.conf");
        values.put("rbd_store_pool", "images");
        String changed = IniSection.set(CONF, "ceph", values);
        assertEquals("[DEFAULT]\nrbd_store_user = keep\n\n[ceph]\n# comment\nrbd_store_ceph_conf = /new/ceph.conf\n"
                + "rbd_store_user = glance\nrbd_store_chunk_size = 8\nrbd_store_pool = images\n\n[other]\nx = 1\n", changed);
        assertEquals("/new/ceph.conf", IniSection.get(changed, "ceph", "rbd_store_ceph_conf").orElseThrow());
        assertEquals("keep", IniSection.get(changed, "DEFAULT", "rbd_store_user").orElseThrow());
    }
}
