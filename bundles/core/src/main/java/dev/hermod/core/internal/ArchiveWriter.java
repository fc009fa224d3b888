package dev.hermod.core.internal;

import dev.hermod.api.mail.BlobHash;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes the entries of a backup archive (see {@link dev.hermod.api.migration.ServerBackup}) to a ZIP stream. */
final class ArchiveWriter {

    static final String MANIFEST = "hermod-backup.properties";
    static final String SUMMARY = "summary.properties";
    static final String BLOBS = "blobs/";
    static final String KEYS = "kv/";
    static final String FILES = "files/";

    private final ZipOutputStream zip;
    private final CountingStream counted;
    private final Set<BlobHash> blobs = new HashSet<>();
    private int keyEntries;
    private long blobBytes;

    ArchiveWriter(OutputStream out) {
        this.counted = new CountingStream(out);
        this.zip = new ZipOutputStream(counted);
        zip.setLevel(Deflater.BEST_SPEED);
    }

    void properties(String name, Properties p) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        p.store(zip, null);
        zip.closeEntry();
    }

    boolean hasBlob(BlobHash hash) {
        return blobs.contains(hash);
    }

    void blob(BlobHash hash, InputStream content) throws IOException {
        zip.putNextEntry(new ZipEntry(BLOBS + hash.hex()));
        blobBytes += content.transferTo(zip);
        zip.closeEntry();
        blobs.add(hash);
    }

    /** Copies a spooled run of key records into a {@code kv/} entry. */
    void keys(InputStream records) throws IOException {
        zip.putNextEntry(new ZipEntry(String.format("%s%06d.kv", KEYS, ++keyEntries)));
        records.transferTo(zip);
        zip.closeEntry();
    }

    void file(String participant, String path, InputStream content) throws IOException {
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IOException("A backup participant's file path must be relative without '..': " + path);
        }
        zip.putNextEntry(new ZipEntry(FILES + participant + "/" + path));
        content.transferTo(zip);
        zip.closeEntry();
    }

    long blobs() {
        return blobs.size();
    }

    long blobBytes() {
        return blobBytes;
    }

    long written() {
        return counted.count;
    }

    /** Ends the ZIP stream and flushes {@code out}, without closing it. */
    void finish() throws IOException {
        zip.finish();
        zip.flush();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
