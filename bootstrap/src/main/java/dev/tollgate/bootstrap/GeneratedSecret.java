package dev.tollgate.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A random secret generated on first start and kept (owner-readable only) in the data directory. The file is created
 * with mode 0600 before the secret exists, so there is no moment at which the secret sits in a file others can read.
 */
record GeneratedSecret(String value, boolean isNew) {

    static GeneratedSecret loadOrCreate(Path file) {
        return loadOrCreate(file, GeneratedSecret::random);
    }

    /** {@code generator} runs only after the file has been created owner-only. */
    static GeneratedSecret loadOrCreate(Path file, Supplier<String> generator) {
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file).strip();
                if (!existing.isEmpty()) {
                    return new GeneratedSecret(existing, false);
                }
                // An empty file: an earlier start stopped between creating and writing it. Fill it now.
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // non-POSIX file systems: their own access control applies
                }
            } else {
                Files.createDirectories(file.getParent());
                try {
                    createOwnerOnly(file);
                } catch (FileAlreadyExistsException anotherStart) {
                    return loadOrCreate(file, generator);
                }
            }
            String value = generator.get();
            Files.writeString(file, value, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return new GeneratedSecret(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }

    /** Creates the empty file with mode 0600 in the same system call (no window with the umask's default mode). */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // non-POSIX file systems: their own access control applies
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
