package dev.hermod.milter.internal;

import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Sessions, envelopes and messages for the tests. */
final class TestMessages {

    /** SpamAssassin's and rspamd's test string: a message holding it is spam. */
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private TestMessages() {}

    /** A session from a documentation address (not loopback, which spamass-milter skips by default). */
    static SessionInfo session() {
        return new SessionInfo(new InetSocketAddress("192.0.2.25", 41000), "mail.example.org", null, false, "mta",
                "S1a2b3c");
    }

    static Envelope envelope(String... recipients) {
        List<Address> rcpts = recipients.length == 0 ? List.of(Address.parse("jane@example.com"))
                : java.util.Arrays.stream(recipients).map(Address::parse).toList();
        return new Envelope(ReversePath.of(Address.parse("sender@example.org")), rcpts, Map.of("BODY", "8BITMIME"),
                "mail.example.org", session().remote().getAddress(), null);
    }

    static MessageContent content(String message) {
        byte[] bytes = message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return content(bytes);
    }

    static MessageContent content(byte[] bytes) {
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public List<String> header(String name) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** A plain, harmless message. */
    static String normal() {
        return """
                Return-Path: <sender@example.org>
                From: Sender <sender@example.org>
                To: Jane <jane@example.com>
                Subject: Lunch on Thursday
                Date: Wed, 25 Nov 2026 10:00:00 +0000
                Message-ID: <lunch-42@example.org>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Hi Jane,

                shall we meet for lunch on Thursday at noon, at the usual place?
                I will bring the notes from the last meeting.

                Regards,
                Sam
                """;
    }

    /** A message with the GTUBE string. */
    static String gtube() {
        return normal().replace("Subject: Lunch on Thursday", "Subject: Test spam mail (GTUBE)")
                .replace("I will bring", GTUBE + "\nI will bring");
    }
}
