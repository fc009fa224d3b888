package dev.hermod.api.migration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a restore.
 *
 * @param formatVersion the archive's format version
 * @param created       when the archive was written (ISO-8601), as its manifest says
 * @param keys          metadata keys written
 * @param blobs         blobs written
 * @param blobBytes     octets of blobs
 * @param verified      whether the store read back matches the archive's summary (count and checksum)
 * @param warnings      what a user should know (files of participants not running); never {@code null}
 * @param elapsed       how long it took
 */
public record RestoreReport(int formatVersion, String created, long keys, long blobs, long blobBytes, boolean verified,
        List<String> warnings, Duration elapsed) {

    public RestoreReport {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
    }
}
