package io.weir.launcher.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data>/weir.lock}, so two servers never share a data folder (and its cache, socket
 * and logs). The holder writes its pid into the file so the refusal can name it. The operating system drops the
 * lock when the process dies, so a crash never leaves a stale lock.
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or refuses at once.
     *
     * @throws LaunchException {@link ExitCodes#ALREADY_RUNNING} when another process (or this one) holds it,
     *                         {@link ExitCodes#DATA_NOT_WRITABLE} when the file cannot be opened
     */
    public static InstanceLock acquire(Path file, long pid) throws LaunchException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE, "cannot open lock file " + file + ": "
                    + LaunchException.oneLine(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE, "cannot lock " + file + ": " + LaunchException.oneLine(e));
        }
        if (lock == null) {
            String holder = readHolder(file);
            close(channel);
            throw new LaunchException(ExitCodes.ALREADY_RUNNING, "another Weir is already running on data folder "
                    + file.getParent() + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        } catch (IOException e) {
            close(channel);
            throw new LaunchException(ExitCodes.DATA_NOT_WRITABLE, "cannot write " + file + ": " + LaunchException.oneLine(e));
        }
        return new InstanceLock(channel, lock);
    }

    private static String readHolder(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Releases the lock; the file stays (removing it would race with a starting successor). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        close(channel);
    }
}
