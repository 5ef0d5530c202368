package dev.glancemigrator.planner.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glancemigrator.events.MalformedEventException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class RecordHandlingTest {

    private static final int TRIES = 3;

    private final RecordHandling handling = new RecordHandling(TRIES, Duration.ofMillis(1));
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
        handling.settle(record, r -> { });
        assertEquals(1, acks.get());
        assertNull(nacked.get());
    }

    @Test
    void aMalformedRecordIsNackedAtOnceForTheDeadLetterTopic() {
        AtomicInteger calls = new AtomicInteger();
        MalformedEventException malformed = new MalformedEventException("not JSON", null);
        handling.settle(record, r -> {
            calls.incrementAndGet();
            throw malformed;
        });
        assertEquals(1, calls.get());
        assertEquals(malformed, nacked.get());
        assertEquals(0, acks.get());
    }

    @Test
    void aPassingFailureIsTriedAgainAndThenAcked() {
        AtomicInteger calls = new AtomicInteger();
        handling.settle(record, r -> {
            if (calls.incrementAndGet() < TRIES) {
                throw new IllegalStateException("database restarting");
            }
        });
        assertEquals(TRIES, calls.get());
        assertEquals(1, acks.get());
        assertNull(nacked.get());
    }

    @Test
    void aLastingFailureIsNackedAfterAllTries() {
        AtomicInteger calls = new AtomicInteger();
        handling.settle(record, r -> {
            calls.incrementAndGet();
            throw new IllegalStateException("database gone");
        });
        assertEquals(TRIES, calls.get());
        assertEquals("database gone", nacked.get().getMessage());
    }

    @Test
    void whileStoppingAFailedRecordIsNeitherAckedNorNackedSoItIsReadAgainAfterTheRestart() {
        handling.settle(record, r -> {
            handling.stopping();
            throw new IllegalStateException("EntityManagerFactory is closed");
        });
        assertEquals(0, acks.get());
        assertNull(nacked.get());
    }
}
