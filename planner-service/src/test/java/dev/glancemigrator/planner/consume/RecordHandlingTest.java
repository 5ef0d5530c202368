package dev.glancemigrator.planner.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.MalformedEventException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class RecordHandlingTest {

    private static final int TRIES = 3;
    private static final String CONSUMER = "test-consumer";

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final ConsumerOutage outage = new ConsumerOutage();
    private final RecordHandling handling = new RecordHandling(TRIES, Duration.ofMillis(1), Duration.ofMillis(4),
            () -> databaseDown.get() ? Optional.of("Connection refused") : Optional.empty(), outage);
    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicReference<Throwable> nacked = new AtomicReference<>();
    private final Message<byte[]> record = Message.of(new byte[0],
            () -> {
                acks.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            },
            reason -> {
                nacked.set(reason);
                return CompletableFuture.completedFuture(null);
            });

    @Test
    void anAppliedRecordIsAcked() {
        handling.settle(CONSUMER, record, r -> { });
        assertEquals(1, acks.get());
        assertNull(nacked.get());
    }

    @Test
    void aMalformedRecordIsNackedAtOnceForTheDeadLetterTopic() {
        AtomicInteger calls = new AtomicInteger();
        MalformedEventException malformed = new MalformedEventException("not JSON", null);
        handling.settle(CONSUMER, record, r -> {
            calls.incrementAndGet();
            throw malformed;
        });
        assertEquals(1, calls.get());
        assertEquals(malformed, nacked.get());
        assertEquals(0, acks.get());
    }

    @Test
    void aFailureTheAnsweringDatabaseGetsOverIsTriedAgainAndThenAcked() {
        AtomicInteger calls = new AtomicInteger();
        handling.settle(CONSUMER, record, r -> {
            if (calls.incrementAndGet() < TRIES) {
                throw new IllegalStateException("deadlock found when trying to get lock");
            }
        });
        assertEquals(TRIES, calls.get());
        assertEquals(1, acks.get());
        assertNull(nacked.get());
    }

    @Test
    void aRecordTheAnsweringDatabaseKeepsRefusingIsNackedAfterAllTries() {
        AtomicInteger calls = new AtomicInteger();
        handling.settle(CONSUMER, record, r -> {
            calls.incrementAndGet();
            throw new IllegalStateException("data too long for column");
        });
        assertEquals(TRIES, calls.get());
        assertEquals("data too long for column", nacked.get().getMessage());
    }

    @Test
    void anOutageIsWaitedOutWithoutCountingTriesAndNeverDeadLetters() {
        databaseDown.set(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean unreadyDuringOutage = new AtomicBoolean();
        int outageCalls = TRIES * 4;
        handling.settle(CONSUMER, record, r -> {
            if (calls.incrementAndGet() <= outageCalls) {
                unreadyDuringOutage.compareAndSet(false, calls.get() > 1 && outage.any());
                if (calls.get() == outageCalls) {
                    databaseDown.set(false);
                }
                throw new IllegalStateException("Communications link failure");
            }
        });
        assertEquals(outageCalls + 1, calls.get());
        assertEquals(1, acks.get());
        assertNull(nacked.get());
        assertTrue(unreadyDuringOutage.get(), "the planner is unready while a record waits on the database");
        assertFalse(outage.any(), "ready again once the record is applied");
    }

    @Test
    void whileStoppingAFailedRecordIsNeitherAckedNorNackedSoItIsReadAgainAfterTheRestart() {
        handling.settle(CONSUMER, record, r -> {
            handling.stopping();
            throw new IllegalStateException("EntityManagerFactory is closed");
        });
        assertEquals(0, acks.get());
        assertNull(nacked.get());
    }
}
