package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;

/**
 * One asynchronous read or write in flight. It holds the buffer the I/O uses, so the buffer stays
 * reachable (and its native memory allocated) until the operation is awaited.
 *
 * <p>Completion is awaited, not called back: librbd runs completion callbacks one at a time on
 * its own thread, and a copy that awaits its oldest operation keeps its data in offset order (which
 * digests need) with no handoff between threads.
 *
 * <p>The completion is released by whichever comes first of {@link #await()} and {@link #close()},
 * once, even when two threads race; after that, await refuses.
 */
public final class AioOperation implements AutoCloseable {

    private final NativeHandle completion;
    private final Object buffer;
    private final String description;

    AioOperation(NativeHandle completion, Object buffer, String description) {
        this.completion = completion;
        this.buffer = buffer;
        this.description = description;
    }

    /** What {@link #close()} does with a completion nobody awaited: librbd may still be using the buffer. */
    static void waitAndRelease(Pointer completion) {
        try {
            LibRbd.INSTANCE.rbd_aio_wait_for_complete(completion);
        } finally {
            LibRbd.INSTANCE.rbd_aio_release(completion);
        }
    }

    /** Blocks until done; returns the bytes transferred (reads) or 0 (writes); throws on failure. */
    public long await() {
        Pointer taken = completion.take();
        if (taken == null) {
            throw new IllegalStateException(description + " was already awaited or closed");
        }
        try {
            LibRbd.INSTANCE.rbd_aio_wait_for_complete(taken);
            return CephException.check(LibRbd.INSTANCE.rbd_aio_get_return_value(taken), description.split(" ")[0],
                    description);
        } finally {
            LibRbd.INSTANCE.rbd_aio_release(taken);
        }
    }

    /**
     * Waits for the operation, ignoring its outcome, and releases it, unless it was awaited or
     * closed already: for giving up on operations after a failure without freeing a buffer that
     * librbd still writes into.
     */
    @Override
    public void close() {
        completion.close();
    }

    /** The buffer this operation reads into or writes from. */
    public Object buffer() {
        return buffer;
    }
}
