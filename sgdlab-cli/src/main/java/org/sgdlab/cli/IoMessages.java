package org.sgdlab.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * One readable line for an I/O failure: what went wrong and the path, in words, instead of the exception's class name
 * ({@code java.nio.file.AccessDeniedException: /x}).
 */
final class IoMessages {
    private IoMessages() {
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + path(f) + (f.getReason() != null ? " (" + f.getReason() + ")" : "");
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + path(f);
        }
        if (e instanceof NotDirectoryException f) {
            return "not a folder: " + path(f);
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + path(f);
        }
        if (e instanceof DirectoryNotEmptyException f) {
            return "folder not empty: " + path(f);
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : "cannot be used";
            return path(f) + ": " + reason.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + reason.substring(1);
        }
        if (e instanceof FileNotFoundException || e instanceof IOException || e instanceof ReadOnlyFileSystemException) {
            String m = e.getMessage();
            return m != null && !m.isBlank() ? m : "input/output error (" + e.getClass().getSimpleName() + ")";
        }
        return String.valueOf(e == null ? "input/output error" : e.getMessage());
    }

    private static String path(FileSystemException f) {
        return f.getOtherFile() == null ? f.getFile() : f.getFile() + " → " + f.getOtherFile();
    }
}
