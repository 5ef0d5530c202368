package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceHostTest {

    @Test
    void aConfiguredNameWins() {
        assertEquals("copier-7", ServiceHost.resolve(Optional.of("copier-7"), () -> "machine", "copier"));
    }

    @Test
    void aBlankOrAbsentNameFallsToTheMachinesName() {
        assertEquals("machine", ServiceHost.resolve(Optional.of("  "), () -> "machine", "copier"));
        assertEquals("machine", ServiceHost.resolve(Optional.empty(), () -> "machine", "copier"));
    }

    @Test
    void aMachineWithoutAKnownNameFallsToTheServicesName() {
        assertEquals("planner", ServiceHost.resolve(Optional.empty(), () -> {
            throw new UnknownHostException("no name");
        }, "planner"));
        assertEquals("planner", ServiceHost.resolve(Optional.empty(), () -> "", "planner"));
    }

    @Test
    void theBeanCarriesTheResolvedName() {
        assertEquals("cutover-a", ServiceHost.of(Optional.of("cutover-a"), "cutover").name());
    }
}
