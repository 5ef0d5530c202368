package dev.glancemigrator.cutover.glance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Owner, group and mode a file is written with. Glance runs as its own user while this service runs as
 * root: a file written as root with root's defaults (a keyring 0600 root) is one Glance cannot read. So
 * every file the switch writes takes the attributes of the file it replaces, else of the file of the
 * same role it sits beside.
 */
record FileOwnership(UserPrincipal owner, GroupPrincipal group, Set<PosixFilePermission> mode) {

    /** A client conf names mons and its keyring, no secret: readable by the owner's group. */
    static final Set<PosixFilePermission> CONF_MODE = PosixFilePermissions.fromString("rw-r-----");
    /** A keyring holds a key: its owner only. */
    static final Set<PosixFilePermission> KEYRING_MODE = PosixFilePermissions.fromString("rw-------");

    static FileOwnership of(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        return new FileOwnership(attributes.owner(), attributes.group(), attributes.permissions());
    }

    /**
     * The attributes of the first of {@code candidates} that exists; else the owner and group of
     * {@code owned} (a file whose owner is the one Glance runs as: its glance-api.conf) with {@code mode}.
     */
    static FileOwnership firstOf(Path owned, Set<PosixFilePermission> mode, Path... candidates) throws IOException {
        for (Path candidate : candidates) {
            if (candidate != null && Files.exists(candidate)) {
                return of(candidate);
            }
        }
        return of(owned).withMode(mode);
    }

    FileOwnership withMode(Set<PosixFilePermission> newMode) {
        return new FileOwnership(owner, group, newMode);
    }

    /** Sets mode, then group and owner (a non-root process may only give a file to itself and its groups). */
    void applyTo(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(mode);
        PosixFileAttributes current = view.readAttributes();
        if (!current.group().equals(group)) {
            view.setGroup(group);
        }
        if (!current.owner().equals(owner)) {
            view.setOwner(owner);
        }
    }

    @Override
    public String toString() {
        return owner.getName() + ":" + group.getName() + " " + PosixFilePermissions.toString(mode);
    }
}
