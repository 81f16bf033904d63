package org.tsunagu.node.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeNew_freshFile_isOwnerOnlyAndHoldsContent() throws Exception {
        Path file = dir.resolve("secret");
        PrivateFiles.writeNew(file, "s3cret\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("s3cret\n", Files.readString(file));
        assertFalse(PrivateFiles.readableByOthers(file));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writeNew_existingFile_refusesAndKeepsIt() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "old");
        assertThrows(FileAlreadyExistsException.class, () -> PrivateFiles.writeNew(file, "new"));
        assertEquals("old", Files.readString(file));
    }

    @Test
    void createDirectory_missing_isOwnerOnly() throws Exception {
        Path data = dir.resolve("a/b");
        PrivateFiles.createDirectory(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }
}
