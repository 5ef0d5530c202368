package dev.glancemigrator.cli;

/** The exit codes a script can rely on (README, "The CLI"). */
public final class ExitCode {

    public static final int OK = 0;
    /** The service answered with an error (4xx/5xx); its problem's detail is printed. */
    public static final int SERVICE_ERROR = 1;
    /** The command line or the configuration is wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** A service did not answer: connection refused, or no answer in time. */
    public static final int NO_ANSWER = 3;
    /** {@code status} saw the migration finish with failed images. */
    public static final int IMAGES_FAILED = 4;
    /** The cutover was refused, or a dry run found blockers: a precondition fails. */
    public static final int CUTOVER_BLOCKED = 5;

    private ExitCode() {
    }
}
