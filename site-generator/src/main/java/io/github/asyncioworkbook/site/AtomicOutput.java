package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.site.render.SiteRenderer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Publishes a folder all at once: the content is written into a hidden temporary folder next to
 * the target and moved into place only when writing succeeded.
 *
 * <p>Guarantees: if the writer fails, the temporary folder is deleted and the target is untouched
 * (an old site stays as it was, no new site appears). If it succeeds, the old target is renamed
 * away, the new one renamed in, and the old one deleted, so readers never see old and new files
 * mixed. An existing target is replaced only if it is empty or carries
 * {@link SiteRenderer#MARKER}, so a mistyped output path cannot wipe an unrelated folder.
 */
public final class AtomicOutput {

    /** Writes the content of a folder. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes into {@code dir}.
         *
         * @param dir an empty folder
         * @throws SiteException when writing fails
         */
        void write(Path dir) throws SiteException;
    }

    private AtomicOutput() {
    }

    /**
     * Writes a folder and moves it into place.
     *
     * @param target the folder to create or replace
     * @param writer writes the new content
     * @throws SiteException when writing fails or the target may not be replaced
     */
    public static void publish(Path target, Writer writer) throws SiteException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new SiteException(target + ": refusing to write a site to a file system root");
        }
        checkReplaceable(abs);
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new SiteException(parent + ": cannot create a temporary folder: " + e.getMessage(), e);
        }
        boolean published = false;
        try {
            writer.write(tmp);
            swap(tmp, abs);
            published = true;
        } finally {
            if (!published) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void checkReplaceable(Path target) throws SiteException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new SiteException(target + ": exists and is not a folder; refusing to replace it");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent() && !Files.exists(target.resolve(SiteRenderer.MARKER))) {
                throw new SiteException(target + ": exists and was not written by site-generator (no "
                        + SiteRenderer.MARKER + " file); refusing to replace it");
            }
        } catch (IOException e) {
            throw new SiteException(target + ": cannot inspect: " + e.getMessage(), e);
        }
    }

    private static void swap(Path fresh, Path target) throws SiteException {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = fresh.resolveSibling(fresh.getFileName().toString().replace(".tmp-", ".old-"));
                move(target, old);
            }
            try {
                move(fresh, target);
            } catch (IOException e) {
                if (old != null) {
                    move(old, target); // put the old site back
                    old = null;
                }
                throw e;
            }
        } catch (IOException e) {
            throw new SiteException(target + ": cannot move the new site into place: " + e.getMessage(), e);
        } finally {
            if (old != null) {
                deleteQuietly(old);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes a folder tree, ignoring failures.
     *
     * @param dir the folder
     */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover hidden temporary folder is harmless
        }
    }
}
