package dev.glancemigrator.cutover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code command} config switch for tests: a script that logs each call and, while the file {@code hold}
 * exists, makes {@code apply} wait on a FIFO nobody writes to, so a cutover stops exactly after its row
 * commit, inside its run, holding the guard. Made with {@link #HeldSwitch(Path)} it then only reports a
 * backup marker: the shared Glance keeps its config (fixture images are on both clusters). Made with
 * {@link #chainedTo(Path, Path)} it then runs a real switch, which rolls both Glance nodes out.
 */
public final class HeldSwitch {

    private final Path calls;
    private final Path held;
    private final Path hold;
    private final Path fifo;
    private final Path script;

    public HeldSwitch(Path dir) throws IOException, InterruptedException {
        this(dir, """
                echo "done $1 $CUTOVER_TAG $CUTOVER_BACKUP_MARKER" >> %1$s
                if [ "$1" = apply ]; then echo "backup.marker=before-$CUTOVER_TAG"; fi
                """);
    }

    private HeldSwitch(Path dir, String then) throws IOException, InterruptedException {
        calls = dir.resolve("calls");
        held = dir.resolve("held.pid");
        hold = Files.createFile(dir.resolve("hold"));
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        script = dir.resolve("switch.sh");
        Files.writeString(script, """
                #!/bin/sh
                echo "$1 $CUTOVER_TAG" >> %1$s
                if [ "$1" = apply ] && [ -e %2$s ]; then
                  echo $$ > %3$s
                  read line < %4$s
                fi
                """.formatted(calls, hold, held, fifo) + then.formatted(calls));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * Held as above, then the real switch {@code realSwitch} (its output is the switch's answer); the
     * {@code done} line names the backup of the first node ({@code CUTOVER_BACKUP_API_1}) on a restore.
     */
    public static HeldSwitch chainedTo(Path dir, Path realSwitch) throws IOException, InterruptedException {
        return new HeldSwitch(dir, """
                '%2$s' "$@" || exit $?
                echo "done $1 $CUTOVER_TAG $CUTOVER_BACKUP_API_1" >> %1$s
                """.replace("%2$s", realSwitch.toString()));
    }

    /** The service's settings for this switch. */
    public Map<String, String> settings() {
        return Map.of("CUTOVER_GLANCE_SWITCH_KIND", "command", "CUTOVER_GLANCE_SWITCH_COMMAND", script.toString());
    }

    /** Whether an {@code apply} is waiting. */
    public boolean waiting() {
        try {
            return Files.exists(held) && Files.size(held) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The waiting script's pid. */
    public Optional<ProcessHandle> waitingScript() {
        try {
            return Files.exists(held) ? ProcessHandle.of(Long.parseLong(Files.readString(held).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Kills the waiting script (as a host's crash takes it with the service). */
    public void killWaiting() throws IOException {
        waitingScript().ifPresent(ProcessHandle::destroyForcibly);
        Files.deleteIfExists(held);
    }

    /** Later applies run through; a waiting one goes on. */
    public void release() throws IOException {
        Files.deleteIfExists(hold);
        if (waitingScript().filter(ProcessHandle::isAlive).isPresent()) {
            Files.writeString(fifo, "go\n");
        }
        Files.deleteIfExists(held);
    }

    /** Every call so far, one line each ({@code apply <tag>}, {@code done apply <tag> }, ...). */
    public List<String> calls() {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
