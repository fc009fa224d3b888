package dev.hermod.milter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One packet of the milter protocol, and the readers for the data of the replies.
 *
 * @param code the command or reply code
 * @param data the data after the code, never {@code null}
 */
record MilterPacket(byte code, byte[] data) {

    /**
     * The data as NUL-terminated strings, decoded as UTF-8 (milters send ASCII or UTF-8).
     *
     * @param offset where the first string starts
     * @return the strings, never {@code null}; a last string without its NUL is included
     */
    List<String> strings(int offset) {
        List<String> result = new ArrayList<>();
        int start = offset;
        for (int i = offset; i < data.length; i++) {
            if (data[i] == 0) {
                result.add(new String(data, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < data.length) {
            result.add(new String(data, start, data.length - start, StandardCharsets.UTF_8));
        }
        return result;
    }

    /**
     * @param offset where the number starts
     * @return the 32-bit number in network byte order at {@code offset}, as unsigned
     * @throws MilterException if the data is too short
     */
    long uint32(int offset) throws MilterException {
        if (data.length < offset + 4) {
            throw new MilterException("milter reply " + MilterProtocol.name(code) + " is too short");
        }
        return ((data[offset] & 0xffL) << 24) | ((data[offset + 1] & 0xffL) << 16)
                | ((data[offset + 2] & 0xffL) << 8) | (data[offset + 3] & 0xffL);
    }

    /**
     * The name and value of a header reply ({@code SMFIR_ADDHEADER}: at 0; {@code SMFIR_CHGHEADER} and
     * {@code SMFIR_INSHEADER}: after the index).
     *
     * @param offset where the name starts
     * @return the name and value, never {@code null}
     * @throws MilterException if a part is missing
     */
    String[] nameAndValue(int offset) throws MilterException {
        List<String> parts = strings(offset);
        if (parts.isEmpty() || parts.get(0).isEmpty()) {
            throw new MilterException("milter reply " + MilterProtocol.name(code) + " has no header name");
        }
        return new String[] {parts.get(0), parts.size() > 1 ? parts.get(1) : ""};
    }
}
