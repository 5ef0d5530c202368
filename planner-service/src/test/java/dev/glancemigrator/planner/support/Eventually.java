package dev.glancemigrator.planner.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what consumers and the outbox relay do asynchronously; fails with what was last seen. */
public final class Eventually {

    public static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 200;

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            sleep();
        }
    }

    /** Polls {@code value} until {@code done} accepts it; returns that value. */
    public static <T> T value(String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEFAULT + ": " + what + "; last seen: " + last);
            }
            sleep();
            last = value.get();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
