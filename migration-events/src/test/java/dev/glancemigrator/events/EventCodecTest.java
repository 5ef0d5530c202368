package dev.glancemigrator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeRoundTripsThroughJson() {
        for (MigrationEvent event : SampleEvents.all()) {
            assertEquals(event, codec.decode(codec.encode(event), event.getClass()));
            assertEquals(event, codec.decode(codec.encode(event), MigrationEvent.class));
        }
    }

    @Test
    void samplesCoverEveryDeclaredEventType() {
        Set<Class<?>> sampled = SampleEvents.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(12, sampled.size());
    }

    @Test
    void theHeaderStandsAtTheTopLevelOfTheJsonAsTheContractSays() {
        for (MigrationEvent event : SampleEvents.all()) {
            String json = new String(codec.encode(event), StandardCharsets.UTF_8);
            assertFalse(json.contains("\"header\""), json);
            for (String field : new String[] {"\"schemaVersion\":", "\"eventId\":", "\"migrationId\":", "\"attempt\":",
                    "\"host\":", "\"occurredAt\":"}) {
                assertTrue(json.contains(field), field + " in " + json);
            }
        }
    }

    @Test
    void anEventWithoutItsHeaderIsMalformed() {
        String json = "{\"type\":\"copy-failed\",\"imageId\":\"img\",\"reason\":\"SOURCE_MISSING\","
                + "\"retryable\":false,\"message\":\"gone\"}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8), CopyFailed.class));
        assertTrue(e.getMessage().contains("schemaVersion"), e.getMessage());
    }

    @Test
    void jsonNamesTheEventTypeAndSchemaVersion() {
        String json = new String(codec.encode(SampleEvents.copyTask()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\":\"copy-task\""), json);
        assertTrue(json.contains("\"schemaVersion\":" + CopyTask.SCHEMA_VERSION), json);
        assertTrue(json.contains("\"occurredAt\":\"2026-11-26T05:30:00.123456Z\""), json);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = new String(codec.encode(SampleEvents.copyTask()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedInVersion2\":{\"nested\":[1,2]},");
        assertEquals(SampleEvents.copyTask().imageId(), codec.decode(bytes(json), CopyTask.class).imageId());
    }

    @Test
    void unknownEnumValuesFromANewerProducerReadAsUnknown() {
        CopyFailed failed = (CopyFailed) SampleEvents.all().get(3);
        String json = new String(codec.encode(failed), StandardCharsets.UTF_8)
                .replace("DESTINATION_CONFLICT", "SOMETHING_NEW");
        assertEquals(CopyFailureReason.UNKNOWN, codec.decode(bytes(json), CopyFailed.class).reason());
    }

    @Test
    void aRetriedCopyTaskRoundTripsWithItsReason() {
        CopyTask retried = SampleEvents.retriedCopyTask();
        assertEquals(retried, codec.decode(codec.encode(retried), CopyTask.class));
        assertEquals(RetryReason.VERIFICATION_FAILED, codec.decode(codec.encode(retried), CopyTask.class).retryReason());
    }

    @Test
    void aRetryReasonFromANewerProducerReadsAsUnknown() {
        String json = new String(codec.encode(SampleEvents.retriedCopyTask()), StandardCharsets.UTF_8)
                .replace("VERIFICATION_FAILED", "SOMETHING_NEW");
        assertEquals(RetryReason.UNKNOWN, codec.decode(bytes(json), CopyTask.class).retryReason());
    }

    @Test
    void aVersion1CopyTaskWithoutRetryReasonIsAFirstAttempt() {
        String json = "{\"type\":\"copy-task\",\"schemaVersion\":1,\"eventId\":\"" + java.util.UUID.randomUUID()
                + "\",\"migrationId\":\"" + SampleEvents.MIGRATION + "\",\"imageId\":\"" + SampleEvents.IMAGE
                + "\",\"attempt\":1,\"host\":\"planner\",\"occurredAt\":\"2026-11-26T05:30:00Z\",\"imageName\":null,"
                + "\"sizeBytes\":1,\"source\":{\"cluster\":\"old\",\"fsid\":\"f\",\"pool\":\"images\",\"image\":\"i\","
                + "\"snapshot\":\"snap\"},\"target\":{\"cluster\":\"new\",\"fsid\":null,\"pool\":\"images\","
                + "\"image\":\"i\",\"snapshot\":null}}";
        CopyTask task = codec.decode(bytes(json), CopyTask.class);
        assertEquals(1, task.schemaVersion());
        assertNull(task.retryReason());
    }

    @Test
    void aVersion1CutoverCompletedReadsAsAFullRunThatLeftNothingOnTheSource() {
        String json = "{\"type\":\"cutover-completed\",\"schemaVersion\":1,\"eventId\":\"" + java.util.UUID.randomUUID()
                + "\",\"migrationId\":\"" + SampleEvents.MIGRATION + "\",\"attempt\":1,\"host\":\"cutover\","
                + "\"occurredAt\":\"2026-11-26T05:30:00Z\",\"operator\":\"ops\",\"locationRowsChanged\":7,"
                + "\"durationMillis\":4200}";
        CutoverCompleted completed = codec.decode(bytes(json), CutoverCompleted.class);
        assertEquals(1, completed.schemaVersion());
        assertEquals(CutoverCompleted.FULL, completed.runKind());
        assertEquals(java.util.List.of(), completed.imagesLeftOnSource());
    }

    @Test
    void aVersion2CutoverCompletedCarriesTheImagesLeftOnTheSource() {
        CutoverCompleted delta = new CutoverCompleted(new EventHeader(CutoverCompleted.SCHEMA_VERSION,
                java.util.UUID.randomUUID(), SampleEvents.MIGRATION, 2, "cutover", java.time.Instant.parse("2026-11-26T05:30:00Z")),
                "ops", null, 1, 80, CutoverCompleted.DELTA, java.util.List.of("img-a", "img-b"));
        CutoverCompleted read = codec.decode(codec.encode(delta), CutoverCompleted.class);
        assertEquals(delta, read);
        assertTrue(new String(codec.encode(delta), StandardCharsets.UTF_8).contains("\"imagesLeftOnSource\":[\"img-a\",\"img-b\"]"));
    }

    @Test
    void theActorIsInTheJsonAsTheContractSays() {
        MigrationPlanned planned = (MigrationPlanned) SampleEvents.all().get(7);
        String json = new String(codec.encode(planned), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"actor\":{\"userName\":\"ops@example.org\",\"userId\":\"8f2a4c1e0b9d4e5fa6b7c8d9e0f1a2b3\","
                + "\"projectName\":\"admin\",\"projectId\":\"1c2d3e4f5a6b4c7d8e9f0a1b2c3d4e5f\","
                + "\"roles\":[\"admin\",\"reader\"],\"authMethod\":\"keystone\"}"), json);
        String rolledBack = new String(codec.encode(SampleEvents.all().get(11)), StandardCharsets.UTF_8);
        assertTrue(rolledBack.contains("\"operator\":\"ops@example.org\",\"actor\":{\"userName\":\"ops@example.org\","
                + "\"userId\":null,\"projectName\":null,\"projectId\":null,\"roles\":[\"admin\"],"
                + "\"authMethod\":\"static-token\"}"), rolledBack);
    }

    @Test
    void aVersion1MigrationPlannedReadsWithAnUnknownActor() {
        String json = "{\"type\":\"migration-planned\",\"schemaVersion\":1,\"eventId\":\"" + java.util.UUID.randomUUID()
                + "\",\"migrationId\":\"" + SampleEvents.MIGRATION + "\",\"attempt\":1,\"host\":\"planner\","
                + "\"occurredAt\":\"2026-11-26T05:30:00Z\",\"source\":{\"cluster\":\"old\",\"fsid\":\"f\",\"pool\":\"images\"},"
                + "\"target\":{\"cluster\":\"new\",\"fsid\":null,\"pool\":\"images\"},\"tasksPublished\":7,"
                + "\"imagesOutOfScope\":0,\"imagesSkipped\":0,\"bytesPlanned\":10}";
        MigrationPlanned planned = codec.decode(bytes(json), MigrationPlanned.class);
        assertEquals(1, planned.schemaVersion());
        assertNull(planned.actor());
    }

    @Test
    void version1CutoverEventsReadWithTheirOperatorAndAnUnknownActor() {
        for (MigrationEvent event : SampleEvents.all()) {
            if (event instanceof CutoverEvent cutover) {
                String json = new String(codec.encode(event), StandardCharsets.UTF_8)
                        .replaceFirst(",\"actor\":\\{[^}]*\\}", "")
                        .replaceFirst("\"schemaVersion\":\\d", "\"schemaVersion\":1");
                assertFalse(json.contains("actor"), json);
                CutoverEvent read = (CutoverEvent) codec.decode(bytes(json), MigrationEvent.class);
                assertNull(read.actor(), json);
                assertEquals(cutover.operator(), read.operator());
            }
        }
    }

    @Test
    void anAuthMethodFromANewerProducerReadsAsUnknown() {
        String json = new String(codec.encode(SampleEvents.all().get(7)), StandardCharsets.UTF_8)
                .replace("\"keystone\"", "\"something-new\"");
        assertEquals(Actor.AuthMethod.UNKNOWN, codec.decode(bytes(json), MigrationPlanned.class).actor().authMethod());
    }

    @Test
    void anActorWithoutAUserNameIsMalformed() {
        String json = new String(codec.encode(SampleEvents.all().get(7)), StandardCharsets.UTF_8)
                .replace("\"userName\":\"ops@example.org\",", "");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes(json), MigrationPlanned.class));
        assertTrue(e.getMessage().contains("actor.userName"), e.getMessage());
    }

    @Test
    void aCutoverEventWhoseOperatorIsNotItsActorIsMalformed() {
        String json = new String(codec.encode(SampleEvents.all().get(8)), StandardCharsets.UTF_8)
                .replace("\"operator\":\"ops@example.org\"", "\"operator\":\"someone-else\"");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes(json), CutoverStarted.class));
        assertTrue(e.getMessage().contains("operator"), e.getMessage());
    }

    @Test
    void aVersion2CopiedWithoutTheRecopyFieldsDecodes() {
        String json = new String(codec.encode(SampleEvents.copied()), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":4", "\"schemaVersion\":2")
                .replace(",\"retryReason\":\"VERIFICATION_FAILED\"", "")
                .replace(",\"discardedAttempt\":1", "");
        assertFalse(json.contains("retryReason") || json.contains("discardedAttempt"), json);
        Copied copied = codec.decode(bytes(json), Copied.class);
        assertNull(copied.retryReason());
        assertNull(copied.discardedAttempt());
    }

    @Test
    void aVersion3CopiedWithoutDependentsReadsAsNoneListed() {
        String json = new String(codec.encode(SampleEvents.copied()), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":4", "\"schemaVersion\":3")
                .replaceFirst(",\"dependents\":\\[[^\\]]*\\]", "");
        assertFalse(json.contains("dependents"), json);
        Copied copied = codec.decode(bytes(json), Copied.class);
        assertEquals(3, copied.schemaVersion());
        assertEquals(List.of(), copied.dependents());
    }

    @Test
    void aCopiedRoundTripsWithTheSourceSnapshotsCloneChildren() {
        Copied copied = SampleEvents.copied();
        String json = new String(codec.encode(copied), StandardCharsets.UTF_8);
        assertTrue(json.contains("{\"pool\":\"vms\",\"namespace\":\"\",\"image\":\"0f4b1c1e-9d7a-4c3e-8a57-2b1f0c9e6d21_disk\","
                + "\"kind\":\"instance-disk\",\"inTrash\":false}"), json);
        Copied read = codec.decode(bytes(json), Copied.class);
        assertEquals(copied, read);
        assertEquals(List.of(DependentClone.Kind.INSTANCE_DISK, DependentClone.Kind.VOLUME),
                read.dependents().stream().map(DependentClone::kind).toList());
    }

    @Test
    void aCloneKindFromANewerProducerReadsAsOther() {
        String json = new String(codec.encode(SampleEvents.copied()), StandardCharsets.UTF_8)
                .replace("instance-disk", "something-new");
        assertEquals(DependentClone.Kind.OTHER, codec.decode(bytes(json), Copied.class).dependents().get(0).kind());
    }

    @Test
    void aDiscardedAttemptBelowOneIsRejected() {
        String json = new String(codec.encode(SampleEvents.copied()), StandardCharsets.UTF_8)
                .replace("\"discardedAttempt\":1", "\"discardedAttempt\":0");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes(json), Copied.class));
        assertTrue(e.getMessage().contains("discardedAttempt"), e.getMessage());
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes("this is not json"), CopyTask.class));
        assertTrue(e.getMessage().startsWith("not a valid CopyTask"), e.getMessage());
        assertTrue(e.getMessage().contains("this is not json"), e.getMessage());
    }

    @Test
    void emptyMessageIsRejected() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(new byte[0], CopyTask.class));
        assertTrue(e.getMessage().contains("empty message"), e.getMessage());
    }

    @Test
    void anotherEventTypeIsRejectedWhereOneKindIsExpected() {
        byte[] verified = codec.encode(SampleEvents.all().get(5));
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(verified, CopyTask.class));
        assertTrue(e.getMessage().contains("verified"), e.getMessage());
    }

    @Test
    void messageWithoutTypeIsRejected() {
        String json = new String(codec.encode(SampleEvents.copyTask()), StandardCharsets.UTF_8)
                .replace("\"type\":\"copy-task\",", "");
        assertThrows(MalformedEventException.class, () -> codec.decode(bytes(json), CopyTask.class));
    }

    @Test
    void missingRequiredFieldIsRejectedByName() {
        String json = "{\"type\":\"copy-task\",\"schemaVersion\":1,\"eventId\":\"" + java.util.UUID.randomUUID()
                + "\",\"migrationId\":\"" + SampleEvents.MIGRATION + "\",\"attempt\":1,\"host\":\"planner\","
                + "\"occurredAt\":\"2026-11-26T05:30:00Z\",\"sizeBytes\":1}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes(json), CopyTask.class));
        assertTrue(e.getMessage().contains("missing required field 'imageId'"), e.getMessage());
    }

    @Test
    void attemptBelowOneIsRejected() {
        String json = new String(codec.encode(SampleEvents.copyTask()), StandardCharsets.UTF_8)
                .replace("\"attempt\":1", "\"attempt\":0");
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> codec.decode(bytes(json), CopyTask.class));
        assertTrue(e.getMessage().contains("attempt"), e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
