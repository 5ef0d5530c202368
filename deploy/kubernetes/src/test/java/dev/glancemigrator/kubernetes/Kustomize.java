package dev.glancemigrator.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code kubectl kustomize}: what {@code kubectl apply -k} would send, without a cluster. */
final class Kustomize {

    /** Rendering takes well under a second; this only bounds a hung process. */
    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {
    }

    /** The rendered YAML stream; fails (never skips) when kubectl is missing or refuses the kustomization. */
    static String render(Path kustomization) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kustomize-", ".yaml");
            err = Files.createTempFile("kustomize-", ".err");
            Process process;
            try {
                process = new ProcessBuilder(List.of("kubectl", "kustomize", kustomization.toString()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("kubectl is not installed or not on the PATH (" + e.getMessage() + "): this test"
                        + " renders deploy/kubernetes with `kubectl kustomize` (kubectl 1.27+ with kustomize v5), which"
                        + " this machine's image provides at /usr/bin/kubectl", e);
            }
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + kustomization + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " exited " + process.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot render " + kustomization + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + kustomization, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
