package dev.hermod.shell.internal;

import dev.hermod.api.admin.ListenerInfo;
import dev.hermod.api.admin.PlatformStatus;
import dev.hermod.api.admin.ProviderInfo;
import dev.hermod.api.admin.SpiStatus;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link PlatformStatus} as the plain-text tables {@code hermod:status} prints. */
final class StatusFormatter {

    private StatusFormatter() {}

    /**
     * @param status the platform status
     * @param onlySpi an SPI's simple name to show alone, or {@code null} for everything
     * @return the text, ending with a line break
     */
    static String format(PlatformStatus status, String onlySpi) {
        StringBuilder out = new StringBuilder();
        out.append("Hermod core: active\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SPI", "In use", "Provider", "Bundle", "Ranking", "Service"});
        for (SpiStatus spi : status.spis()) {
            if (onlySpi != null && !spi.spi().equalsIgnoreCase(onlySpi)) {
                continue;
            }
            String label = spi.spi() + (spi.target() == null ? "" : " " + spi.target());
            if (spi.providers().isEmpty()) {
                rows.add(new String[] {label, "", "(none)", "", "", ""});
            }
            for (ProviderInfo p : spi.providers()) {
                rows.add(new String[] {label, p.inUse() ? "*" : "", p.name(),
                        p.bundleSymbolicName() + " " + p.bundleVersion() + " [" + p.bundleId() + "]",
                        Integer.toString(p.ranking()), Long.toString(p.serviceId())});
                label = "";
            }
        }
        table(out, rows);
        if (onlySpi != null) {
            return out.toString();
        }
        out.append('\n');
        List<ListenerInfo> listeners = status.listeners();
        if (listeners.isEmpty()) {
            out.append("Listeners: none (no protocol bundle is running)\n");
            return out.toString();
        }
        List<String[]> lrows = new ArrayList<>();
        lrows.add(new String[] {"Protocol", "Listener", "Address", "Security", "Bundle"});
        for (ListenerInfo l : listeners) {
            lrows.add(new String[] {l.protocol(), l.name(), l.address(), l.security().name(), l.bundleSymbolicName()});
        }
        table(out, lrows);
        return out.toString();
    }

    /** Left-aligned columns, two spaces apart, with a rule under the header row. */
    private static void table(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths);
            }
        }
    }

    private static void line(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(row[i]);
            if (i < row.length - 1) {
                line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
