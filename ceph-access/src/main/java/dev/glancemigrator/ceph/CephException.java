package dev.glancemigrator.ceph;

/** A librados or librbd call failed; names the call, what it acted on and the errno. */
public class CephException extends RuntimeException {

    private final String call;
    private final int errno;

    public CephException(String call, String subject, int errno) {
        super(call + "(" + subject + ") failed: " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    /** The positive errno (librados and librbd return its negation). */
    public int errno() {
        return errno;
    }

    public boolean is(int expected) {
        return errno == expected;
    }

    /**
     * EBLOCKLISTED (librados's name for ESHUTDOWN): the OSDs refuse this client, because another
     * client broke a lock it held (librbd blocklists the holder it breaks) or an operator
     * blocklisted it. librados never recovers such a client; only a new connection works again.
     */
    public boolean blocklisted() {
        return errno == Errno.ESHUTDOWN;
    }

    /** Throws unless {@code result} is 0 or positive; returns it otherwise. */
    static long check(long result, String call, String subject) {
        if (result < 0) {
            throw new CephException(call, subject, (int) -result);
        }
        return result;
    }
}
