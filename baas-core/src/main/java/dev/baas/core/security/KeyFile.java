package dev.baas.core.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A key kept in a file of the data directory, made on first use, readable by the owner only. Nodes of a cluster
 * share the data directory and may start at once: the file appears whole and exactly once (written aside, then
 * linked into place), so every node reads the same key.
 */
public final class KeyFile {
    private KeyFile() {}

    /** The file's content; when there is no file yet, {@code fresh} becomes it, unless another process wrote it first. */
    public static byte[] readOrCreate(Path file, byte[] fresh) throws IOException {
        if (Files.exists(file)) return Files.readAllBytes(file);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path aside = Files.createTempFile(dir, file.getFileName().toString(), ".new");
        try {
            Files.write(aside, fresh);
            try {
                Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            try {
                Files.createLink(file, aside); // fails if the file exists: the first writer wins
            } catch (FileAlreadyExistsException e) {
                // another node made it first: its key is the one
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) return Files.readAllBytes(file);
                // a file system without hard links: an atomic rename, which never leaves a half-written key
                Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(aside);
        }
        return Files.readAllBytes(file);
    }
}
