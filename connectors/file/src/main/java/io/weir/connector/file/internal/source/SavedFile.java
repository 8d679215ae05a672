package io.weir.connector.file.internal.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where reading of one file resumes: the file's identity, the name it was last seen under, and
 * the committed offset.
 *
 * @param key    the file's identity (device and inode where the file system has them)
 * @param path   the name the file was opened by
 * @param offset everything before it was acknowledged
 */
record SavedFile(String key, String path, long offset) {

    /** @return the plain-data form used in hot-swap state */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(4);
        map.put("key", key);
        map.put("path", path);
        map.put("offset", offset);
        return map;
    }

    /**
     * Reads the list a previous instance handed over; entries that are not well-formed are skipped.
     *
     * @param value the {@code files} entry of the state
     * @return the files in order, oldest first
     */
    static List<SavedFile> listFrom(Object value) {
        List<SavedFile> files = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("key") instanceof String key
                        && map.get("path") instanceof String path && map.get("offset") instanceof Number offset) {
                    files.add(new SavedFile(key, path, offset.longValue()));
                }
            }
        }
        return files;
    }
}
