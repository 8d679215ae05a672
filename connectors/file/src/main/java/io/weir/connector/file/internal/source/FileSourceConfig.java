package io.weir.connector.file.internal.source;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Options of a file source instance ({@code etc/weir.source.file-<instance>.cfg}). A double
 * underscore in a method name stands for one underscore in the option name, a single one for a dot.
 */
@ObjectClassDefinition(id = FileSource.PID, name = "Weir file source",
        description = "Reads a file whole or follows it like tail -F, across rotation and truncation. Each file is "
                + "one stream; each record (up to and including the delimiter) is handed on as one chunk whose "
                + "position is the offset after it. The offset after the last acknowledged record is kept in "
                + "the state file, so a restart resumes there: at-least-once.")
@interface FileSourceConfig {

    @AttributeDefinition(name = "Path", description = "The file to read. Required. Relative paths are taken "
            + "from the server's working directory.")
    String path();

    @AttributeDefinition(name = "Mode", description = "read: read the file to its end once, then finish. "
            + "follow: keep reading what is appended, follow the name across rotation (a new file under the "
            + "name) and truncation.",
            options = {@Option(label = "follow", value = "follow"), @Option(label = "read", value = "read")})
    String mode() default "follow";

    @AttributeDefinition(name = "Start at", description = "follow mode, when no offset is saved: beginning "
            + "reads what the file holds already, end only what is appended from now on.",
            options = {@Option(label = "beginning", value = "beginning"), @Option(label = "end", value = "end")})
    String from() default "beginning";

    // The default is the two characters backslash and n: a raw newline in the component XML would be
    // read back as a space (XML attribute normalisation).
    @AttributeDefinition(name = "Delimiter", description = "The one ASCII character that ends a record; the "
            + "escapes \\n \\r \\t \\0 are understood. Records are handed on whole so that offsets commit "
            + "exactly; set it to the separator of the separate preprocessor. Empty: hand on raw chunks of "
            + "chunk_bytes, for codecs that take each chunk as one record.")
    String delimiter() default "\\n";

    @AttributeDefinition(name = "Chunk size (bytes)", min = "16", description = "How much is read at once, "
            + "and the longest record handed on in one piece; a longer record goes on in pieces.")
    int chunk__bytes() default 65536;

    @AttributeDefinition(name = "Records in flight", min = "1", description = "How many records may wait for "
            + "their acknowledgement per file; reading waits when that many are outstanding.")
    int max__in__flight() default 65536;

    @AttributeDefinition(name = "State file", description = "Where the committed offsets are kept. Empty: "
            + "<path>.weir-offset. none: keep no state; a restart starts afresh (as set by from).")
    String state__file() default "";

    @AttributeDefinition(name = "Commit interval (ms)", min = "0", description = "The state file is rewritten "
            + "at most this often while records are acknowledged, and always when the source closes.")
    long commit__interval__ms() default 1000;

    @AttributeDefinition(name = "Poll interval (ms)", min = "1", description = "follow mode: how often the end "
            + "of the file and its name are checked for new data, rotation and truncation.")
    long poll__interval__ms() default 250;
}
