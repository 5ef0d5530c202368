package dev.glancemigrator.cutover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Actor;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's actor as the journal's {@code actor} column keeps it: the events' Actor JSON. */
class CutoverJournalActorTest {

    @Test
    void anActorRoundTripsThroughItsColumn() throws SQLException {
        Actor alice = new Actor("alice", "u-1", "ops", "p-1", List.of("admin", "reader"), Actor.AuthMethod.KEYSTONE);
        String column = CutoverJournal.actor(alice);
        assertEquals("{\"userName\":\"alice\",\"userId\":\"u-1\",\"projectName\":\"ops\",\"projectId\":\"p-1\","
                + "\"roles\":[\"admin\",\"reader\"],\"authMethod\":\"keystone\"}", column);
        assertEquals(alice, CutoverJournal.actor(column));
        assertEquals(Actor.staticToken("operator"), CutoverJournal.actor(CutoverJournal.actor(Actor.staticToken("operator"))));
    }

    @Test
    void aRunJournaledBeforeActorsWereKeptHasNone() throws SQLException {
        assertNull(CutoverJournal.actor((String) null));
        assertNull(CutoverJournal.actor((Actor) null));
        CutoverRun legacy = new CutoverRun("m", 1, RunKind.FULL, "operator", RunState.COMPLETED, "f", "images", "new", "g",
                "images", "file", null, 1, 1, null, null, null, null, null, null, null);
        assertNull(legacy.actor());
    }

    @Test
    void aDamagedColumnSaysSo() {
        SQLException e = assertThrows(SQLException.class, () -> CutoverJournal.actor("{\"roles\":[]}"));
        assertTrue(e.getMessage().contains("actor"), e.getMessage());
    }
}
