package dev.usagekit.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * How the tool writes a file ({@code --output}, {@code --state}): into a new file with a random name beside it
 * ({@link Files#createTempFile}: created exclusively, so never through a symlink planted there, and readable by
 * its owner only), then moved over the file in one step. A reader sees the old file or the new one, never half of
 * one; a symlink at the file's own name is replaced, its target left alone; a file that was there keeps its
 * permissions.
 *
 * <pre>{@code
 * Path temporary = AtomicFiles.temporaryBeside(target);
 * try (OutputStream out = Files.newOutputStream(temporary, LinkOption.NOFOLLOW_LINKS)) { ... }
 * AtomicFiles.replace(temporary, target);
 * }</pre>
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** A new, empty file with a random name in the directory of {@code target}. */
  static Path temporaryBeside(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    return Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
  }

  /**
   * Moves {@code temporary} over {@code target} atomically (a plain replace where the file system cannot), with
   * the permissions {@code target} had; on failure {@code temporary} is deleted.
   */
  static void replace(Path temporary, Path target) throws IOException {
    try {
      keepPermissions(temporary, target);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  private static void keepPermissions(Path temporary, Path target) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return; // a new file (or a symlink, replaced): owner only
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    Files.setPosixFilePermissions(temporary, permissions);
  }
}
