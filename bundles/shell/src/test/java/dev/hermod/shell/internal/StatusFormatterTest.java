package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.ListenerInfo;
import dev.hermod.api.admin.PlatformStatus;
import dev.hermod.api.admin.ProviderInfo;
import dev.hermod.api.admin.SpiStatus;
import dev.hermod.api.server.ProtocolServer.TransportSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusFormatterTest {

    private final PlatformStatus status = new PlatformStatus() {
        @Override
        public List<SpiStatus> spis() {
            return List.of(
                    new SpiStatus("BlobStore", "dev.hermod.api.blob.BlobStore", false, "(name=s3)", List.of(
                            new ProviderInfo(41, "s3", 12, "dev.hermod.blob-s3", "0.1.0", 0, true),
                            new ProviderInfo(40, "fs", 11, "dev.hermod.blob-fs", "0.1.0", 10, false))),
                    new SpiStatus("Directory", "dev.hermod.api.directory.Directory", false, null, List.of()));
        }

        @Override
        public List<ListenerInfo> listeners() {
            return List.of(new ListenerInfo("imap", "default", "127.0.0.1:1143", TransportSecurity.STARTTLS,
                    "dev.hermod.imap"));
        }
    };

    @Test
    void listsProvidersWithTheOneInUseMarked() {
        String text = StatusFormatter.format(status, null);
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("Hermod core: active"), text);
        String s3 = lines.stream().filter(l -> l.contains(" s3 ")).findFirst().orElseThrow();
        assertTrue(s3.startsWith("BlobStore (name=s3)  *"), s3);
        assertTrue(s3.contains("dev.hermod.blob-s3 0.1.0 [12]"), s3);
        String fs = lines.stream().filter(l -> l.contains(" fs ")).findFirst().orElseThrow();
        assertTrue(fs.trim().startsWith("fs"), "second provider row has no SPI label or mark: " + fs);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Directory") && l.contains("(none)")), text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("imap\\s+default\\s+127\\.0\\.0\\.1:1143\\s+STARTTLS\\s+dev\\.hermod\\.imap")), text);
    }

    @Test
    void filtersOneSpi() {
        String text = StatusFormatter.format(status, "directory");
        assertTrue(text.contains("Directory"), text);
        assertTrue(!text.contains("BlobStore") && !text.contains("Listeners") && !text.contains("imap"), text);
        assertEquals("Hermod core: active", text.lines().findFirst().orElseThrow());
    }
}
