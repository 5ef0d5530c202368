package dev.glancemigrator.ceph;

import java.util.Map;

/** The errno values the migrator acts on, with their names for messages. */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EROFS = 30;
    public static final int ERANGE = 34;
    public static final int ESHUTDOWN = 108;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM (operation not permitted)"),
            Map.entry(ENOENT, "ENOENT (no such image, snapshot, pool or object)"),
            Map.entry(EIO, "EIO (I/O error)"),
            Map.entry(EACCES, "EACCES (permission denied)"),
            Map.entry(EBUSY, "EBUSY (in use)"),
            Map.entry(EEXIST, "EEXIST (already exists)"),
            Map.entry(EINVAL, "EINVAL (invalid argument)"),
            Map.entry(EROFS, "EROFS (read-only, or locked by another client)"),
            Map.entry(ERANGE, "ERANGE (buffer too small)"),
            Map.entry(ESHUTDOWN, "ESHUTDOWN (client shut down or blocklisted)"),
            Map.entry(ETIMEDOUT, "ETIMEDOUT (timed out)"),
            Map.entry(ECONNREFUSED, "ECONNREFUSED (connection refused)"));

    private Errno() {
    }

    public static String describe(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }
}
