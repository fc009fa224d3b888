package dev.hermod.itests.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Realistic test messages, deterministic for a seed: plain and multipart/alternative text, some with a
 * base64 attachment, 2 KB to 200 KB (most small), one in four a reply in an earlier thread.
 */
final class MessageGenerator {

    private static final String[] WORDS = ("meeting budget invoice quarterly report shipment delayed review contract "
            + "draft proposal schedule holiday server outage backup migration customer feedback release notes "
            + "lunch agenda minutes deadline approval travel conference slides hiring candidate interview "
            + "über straße café naïve résumé привет отчёт встреча 会议 报告").split(" ");
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};

    private final Random random;
    private int count;

    MessageGenerator(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        int n = count++;
        int size = size();
        String from = PEOPLE[random.nextInt(PEOPLE.length)];
        String to = PEOPLE[random.nextInt(PEOPLE.length)];
        boolean reply = n > 10 && random.nextInt(4) == 0;
        int parent = reply ? random.nextInt(n) : -1;
        String subject = (reply ? "Re: " : "") + words(3 + random.nextInt(5), reply ? parent : n);
        StringBuilder m = new StringBuilder(size + 1024);
        m.append("From: ").append(cap(from)).append(" <").append(from).append("@example.org>\r\n");
        m.append("To: ").append(cap(to)).append(" <").append(to).append("@example.org>\r\n");
        m.append("Subject: ").append(subject).append("\r\n");
        m.append("Date: ").append(date(n)).append("\r\n");
        m.append("Message-ID: <m").append(n).append("@bench.example.org>\r\n");
        if (reply) {
            m.append("In-Reply-To: <m").append(parent).append("@bench.example.org>\r\n");
            m.append("References: <m").append(parent).append("@bench.example.org>\r\n");
        }
        m.append("MIME-Version: 1.0\r\n");
        boolean attachment = size > 20_000 && random.nextInt(3) > 0;
        String text = paragraph(attachment ? 1500 : size);
        if (attachment) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(n).append("\"\r\n\r\n");
            m.append("--b").append(n).append("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                    .append("Content-Transfer-Encoding: 8bit\r\n\r\n").append(text).append("\r\n");
            byte[] blob = new byte[size * 3 / 4];
            random.nextBytes(blob);
            m.append("--b").append(n).append("\r\nContent-Type: application/pdf; name=\"report-").append(n).append(".pdf\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"report-").append(n).append(".pdf\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(blob)).append("\r\n");
            m.append("--b").append(n).append("--\r\n");
        } else {
            m.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").append(text);
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Most messages 2-10 KB, some 10-50 KB, a few up to 200 KB. */
    private int size() {
        int r = random.nextInt(100);
        return r < 75 ? 2_000 + random.nextInt(8_000) : r < 95 ? 10_000 + random.nextInt(40_000) : 50_000 + random.nextInt(150_000);
    }

    private String words(int count, int seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private String paragraph(int size) {
        StringBuilder s = new StringBuilder(size);
        int line = 0;
        while (s.length() < size) {
            String w = WORDS[random.nextInt(WORDS.length)];
            s.append(w);
            line += w.length() + 1;
            if (line > 70) {
                s.append("\r\n");
                line = 0;
            } else {
                s.append(' ');
            }
        }
        return s.append("\r\n").toString();
    }

    private static String date(int n) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.of(2026, 1, 1, 8, 0, 0, 0, java.time.ZoneOffset.UTC).plusMinutes(n * 7L));
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
