package dev.hermod.api.migration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a backup archive holds.
 *
 * @param formatVersion the archive format version written
 * @param accounts      accounts whose mail it holds
 * @param keys          metadata keys
 * @param keyBytes      octets of keys and values
 * @param blobs         blobs
 * @param blobBytes     octets of blobs
 * @param checksum      order-independent checksum of the keys and values (hex), which a restore compares
 * @param participants  names of the participants whose files it holds
 * @param elapsed       how long it took
 */
public record BackupReport(int formatVersion, int accounts, long keys, long keyBytes, long blobs, long blobBytes,
        String checksum, List<String> participants, Duration elapsed) {

    public BackupReport {
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(elapsed, "elapsed");
        participants = List.copyOf(participants);
    }
}
