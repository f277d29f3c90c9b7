package dev.telltale.backend.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A real {@link FileChannel} that runs out of space: after {@code budget} more bytes, writes fail
 * as on a full disk, having written what fitted first. Truncation can be made to fail too.
 */
final class FailingFileChannel extends FileChannel {

    private final FileChannel delegate;
    private long budget;
    private boolean failTruncate;

    FailingFileChannel(FileChannel delegate, long budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    /** Frees space: {@code bytes} more can be written. */
    void refill(long bytes) {
        budget = bytes;
    }

    /** Makes {@link #truncate} fail from now on. */
    FailingFileChannel failTruncate() {
        failTruncate = true;
        return this;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (budget <= 0) {
            throw new IOException("No space left on device (simulated)");
        }
        int n = (int) Math.min(src.remaining(), budget);
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        int written = delegate.write(part);
        src.position(src.position() + written);
        budget -= written;
        return written;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (failTruncate) {
            throw new IOException("Input/output error (simulated truncate)");
        }
        delegate.truncate(size);
        return this;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException("positional write");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("transferFrom");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
