package io.weir.connector.file.internal.source;

import java.util.List;
import java.util.Map;

/**
 * What a file source saved: the committed offsets of its files and the configured path they were read for. The
 * path tells a restart or a hot swap with another {@code path} option that the offsets belong to another file (and
 * its rotations) rather than to files rotated away from the new name.
 *
 * @param path  the configured path the files were read for; null in a state written before it was recorded
 * @param files the files to resume, oldest first
 */
record SavedState(String path, List<SavedFile> files) {
    static final SavedState NONE = new SavedState(null, List.of());

    SavedState {
        files = List.copyOf(files);
    }

    /**
     * Reads the state a previous instance handed over on a hot swap.
     *
     * @param restored the predecessor's snapshot: {@code path} and {@code files}
     * @return the saved state; the path is null when the predecessor did not record it
     */
    static SavedState fromSnapshot(Map<String, Object> restored) {
        return new SavedState(restored.get("path") instanceof String p ? p : null,
                SavedFile.listFrom(restored.get("files")));
    }

    /**
     * @param configured the source's configured path, absolute and normalised
     * @return whether the files were read for that path
     */
    boolean readFor(String configured) {
        if (path != null) {
            return path.equals(configured);
        }
        // Written before the path was recorded: the file read under the configured name is saved under that name,
        // so a state holding no entry under it was read for another path.
        return files.isEmpty() || files.stream().anyMatch(file -> file.path().equals(configured));
    }
}
