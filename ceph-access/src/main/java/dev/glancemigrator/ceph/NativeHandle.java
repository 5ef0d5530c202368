package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A pointer that librados or librbd handed out and that must go back exactly once. librados and
 * librbd free on release and do not guard against a second release, which would corrupt the heap
 * of the whole process; so the pointer is swapped out atomically and only the thread that got it
 * releases it, however many threads close at once.
 *
 * <p>Checking on use catches a use after close, not a close racing a call already under way: that
 * remains the owner's business, as it is in C.
 */
final class NativeHandle {

    private final AtomicReference<Pointer> pointer;
    private final String owner;
    private final Consumer<Pointer> release;

    /** {@code owner} names what the pointer is, for the message of a use after close. */
    NativeHandle(Pointer pointer, String owner, Consumer<Pointer> release) {
        if (pointer == null) {
            throw new IllegalArgumentException(owner + ": no native handle");
        }
        this.pointer = new AtomicReference<>(pointer);
        this.owner = owner;
        this.release = release;
    }

    /** The live pointer; refuses once closed, so a freed pointer never reaches native code. */
    Pointer get() {
        Pointer live = pointer.get();
        if (live == null) {
            throw new IllegalStateException(owner + " is closed");
        }
        return live;
    }

    boolean isClosed() {
        return pointer.get() == null;
    }

    /**
     * Takes the pointer away from every later caller: the one caller that gets it (null for the
     * others) owns it and must release it. For owners whose last use and release are one step.
     */
    Pointer take() {
        return pointer.getAndSet(null);
    }

    /** Releases the pointer on the first call; later and concurrent losing calls do nothing. */
    void close() {
        Pointer taken = take();
        if (taken != null) {
            release.accept(taken);
        }
    }

    @Override
    public String toString() {
        return owner + (isClosed() ? " (closed)" : "");
    }
}
