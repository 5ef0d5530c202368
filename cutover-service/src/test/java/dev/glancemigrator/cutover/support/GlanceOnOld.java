package dev.glancemigrator.cutover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The last line of defence for the shared Glance: when a test ends with glance-api.conf not as it
 * found it (a rollback that did not happen), writes the saved text back and restarts Glance.
 */
public final class GlanceOnOld {

    private GlanceOnOld() {
    }

    public static void ensure(MigrationFixture fixture, String original) {
        if (fixture.glanceConfText().equals(original)) {
            return;
        }
        System.err.println("glance-api.conf was left switched: restoring it and restarting Glance");
        try {
            Path conf = fixture.glanceConf();
            Path temp = Files.createTempFile(conf.getParent(), ".glance-api.conf.", ".restore");
            Files.writeString(temp, original);
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(conf));
            // Glance runs as its own user: the restored file must stay its own, or Glance cannot read it.
            PosixFileAttributes owner = Files.readAttributes(conf, PosixFileAttributes.class);
            Files.setOwner(temp, owner.owner());
            Files.getFileAttributeView(temp, PosixFileAttributeView.class).setGroup(owner.group());
            Files.move(temp, conf, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process restart = new ProcessBuilder(fixture.stack.get("GM_STACK_SCRIPT"), "glance-restart")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            restart.waitFor(180, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
