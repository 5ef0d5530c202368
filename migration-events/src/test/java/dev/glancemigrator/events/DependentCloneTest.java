package dev.glancemigrator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.events.DependentClone.Kind;
import org.junit.jupiter.api.Test;

class DependentCloneTest {

    @Test
    void novaDisksAndCinderVolumesAreToldByTheirNamesInAnyPool() {
        assertEquals(Kind.INSTANCE_DISK,
                DependentClone.found("vms", "", "0f4b1c1e-9d7a-4c3e-8a57-2b1f0c9e6d21_disk", false).kind());
        assertEquals(Kind.VOLUME,
                DependentClone.found("ssd-volumes", "", "volume-7d9e2a44-1b3c-4e5f-9a8b-0c1d2e3f4a5b", false).kind());
    }

    @Test
    void anythingElseIsAnOtherClone() {
        assertEquals(Kind.OTHER, DependentClone.found("vms", "", "my-clone", false).kind());
        assertEquals(Kind.OTHER, DependentClone.found("vms", "", "0f4b1c1e-9d7a-4c3e-8a57-2b1f0c9e6d21_disk.config", false).kind());
        assertEquals(Kind.OTHER, DependentClone.found("volumes", "", "volume-not-a-uuid", false).kind());
    }

    @Test
    void aKindsLabelIsHowJsonSpellsIt() throws Exception {
        for (Kind kind : Kind.values()) {
            assertEquals("\"" + kind.label() + "\"", new ObjectMapper().writeValueAsString(kind));
        }
    }

    @Test
    void specNamesTheNamespaceOnlyWhenThereIsOne() {
        assertEquals("vms/disk", DependentClone.found("vms", null, "disk", false).spec());
        assertEquals("vms/tenant-a/disk", DependentClone.found("vms", "tenant-a", "disk", false).spec());
    }
}
