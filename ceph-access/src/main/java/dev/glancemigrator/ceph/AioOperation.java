package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;

/**
 * One asynchronous read or write in flight. It holds the buffer the I/O uses, so the buffer stays
 * reachable (and its native memory allocated) until the operation is awaited.
 *
 * <p>Completion is awaited, not called back: librbd runs completion callbacks one at a time on
 * its own thread, and a copy that awaits its oldest operation keeps its data in offset order (which
 * digests need) with no handoff between threads.
 */
public final class AioOperation {

    private final Pointer completion;
    private final Object buffer;
    private final String description;
    private boolean awaited;

    AioOperation(Pointer completion, Object buffer, String description) {
        this.completion = completion;
        this.buffer = buffer;
        this.description = description;
    }

    /** Blocks until done; returns the bytes transferred (reads) or 0 (writes); throws on failure. */
    public long await() {
        if (awaited) {
            throw new IllegalStateException(description + " was already awaited");
        }
        awaited = true;
        try {
            LibRbd.INSTANCE.rbd_aio_wait_for_complete(completion);
            return CephException.check(LibRbd.INSTANCE.rbd_aio_get_return_value(completion), description.split(" ")[0],
                    description);
        } finally {
            LibRbd.INSTANCE.rbd_aio_release(completion);
        }
    }

    /** The buffer this operation reads into or writes from. */
    public Object buffer() {
        return buffer;
    }
}
