package dev.glancemigrator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ceph's own {@code rbd} command, for tests that check a cluster's state independently of the code
 * under test.
 */
public final class RbdCli {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path conf;
    private final String user;

    public RbdCli(Path conf, String user) {
        this.conf = conf;
        this.user = user;
    }

    /** As the cluster's admin. */
    public static RbdCli admin(LocalStack stack, LocalStack.Cluster cluster) {
        return new RbdCli(stack.adminConf(cluster), "admin");
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("rbd", "--conf", conf.toString(), "--id", user));
        command.addAll(List.of(args));
        try {
            // stderr goes to a file so that neither pipe can fill up and stall rbd.
            Path stderr = Files.createTempFile("rbd-", ".stderr");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("rbd " + String.join(" ", args) + " did not finish");
                }
                return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                        Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and fails unless rbd exits 0; returns its standard output. */
    public String check(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("rbd " + String.join(" ", args) + " exited " + result.exitCode()
                    + ": " + result.stderr());
        }
        return result.stdout();
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
