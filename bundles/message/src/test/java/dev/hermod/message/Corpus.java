package dev.hermod.message;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Messages written for the tests, with CRLF line ends unless the name says otherwise. */
final class Corpus {

    private Corpus() {
    }

    /** Joins text lines written with {@code \n} using CRLF. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String slice(byte[] raw, long from, long to) {
        return new String(raw, (int) from, (int) (to - from), StandardCharsets.UTF_8);
    }

    static final byte[] SIMPLE = crlf("""
            Return-Path: <alice@example.com>
            From: Alice <alice@example.com>
            To: bob@example.org
            Subject: Hello
            Date: Mon, 7 Feb 1994 21:52:25 -0800
            Message-ID: <1@example.com>

            Hi Bob,
            How are you?
            """);

    static final byte[] ALTERNATIVE = crlf("""
            From: a@example.com
            Subject: Alternative
            Content-Type: multipart/alternative; boundary="b1"

            This is the preamble.
            --b1
            Content-Type: text/plain; charset=utf-8

            plain text
            --b1
            Content-Type: text/html; charset=utf-8

            <html><head><title>T</title><style>p{}</style></head><p>html <b>text</b> &amp; more</p></html>
            --b1--
            epilogue
            """);

    static final byte[] MIXED = crlf("""
            From: Dave <dave@example.com>
            Subject: Report
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: text/plain

            See attached.
            --outer
            Content-Type: application/pdf; name="doc.pdf"
            Content-Disposition: attachment; filename="doc.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --outer
            Content-Type: message/rfc822
            Content-Description: forwarded

            From: Carol <carol@example.net>
            Subject: Inner
            Date: Tue, 1 Jan 2019 10:00:00 +0100
            Content-Type: multipart/mixed; boundary=inner

            --inner
            Content-Type: text/plain

            inner text
            --inner
            Content-Type: image/png
            Content-Disposition: attachment; filename=pic.png
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --inner--
            --outer--
            """);

    static final byte[] SINGLE_MESSAGE = crlf("""
            Subject: Bounce
            Content-Type: message/rfc822

            Subject: Original
            From: x@example.com

            original body
            """);

    static final byte[] RFC2231 = crlf("""
            Subject: continuations
            Content-Type: multipart/mixed; boundary=x

            --x
            Content-Type: application/octet-stream;
             name*0*=UTF-8''%E6%97%A5%E6%9C%AC;
             name*1*=%E8%AA%9E.txt
            Content-Disposition: attachment;
             filename*1="final version";
             filename*0*=UTF-8''R%C3%A9sum%C3%A9%20;
             filename*2*=%2Bnotes.pdf

            data
            --x
            Content-Type: text/plain; charset*=iso-8859-1'en'%A3rates; name="=?UTF-8?B?w5xiZXJzaWNodC50eHQ=?="

            rates
            --x--
            """);

    static final byte[] ENCODED_WORDS = crlf("""
            From: =?UTF-8?B?SsO2cmc=?= <j@example.com>
            To: =?ISO-8859-1?Q?Fran=E7ois?= <f@example.com>
            Subject: Re: =?UTF-8?Q?Caf=C3=A9_au_lait?=
             =?ISO-8859-1?B?5w==?= and more

            body
            """);

    static final byte[] UTF8_HEADERS = crlf("""
            From: Jörg Müller <jörg@exämple.de>
            To: "李" <li@例子.中国>
            Subject: Grüße aus Köln
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: inline; filename="übersicht.txt"

            Grüße
            """);

    static final byte[] GROUPS = crlf("""
            From: a@example.com
            To: Team: a@x.com, "B" <b@x.com>;, undisclosed-recipients:;, c@y.com
            Cc: Empty:;
            Subject: groups

            x
            """);

    static final byte[] MISSING_CLOSE = crlf("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            one
            --b
            Content-Type: text/plain

            two
            """);

    static final byte[] NESTED_MISSING_CLOSE = crlf("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain

            a
            --outer
            Content-Type: text/plain

            b
            --outer--
            """);

    static final byte[] NO_CONTENT_TYPE = crlf("""
            Subject: none

            just text
            """);

    static final byte[] NO_BOUNDARY = crlf("""
            Content-Type: multipart/mixed

            --whatever
            text
            """);

    static final byte[] BOUNDARY_NEVER_FOUND = crlf("""
            Content-Type: multipart/mixed; boundary=zzz

            --other
            text
            """);

    static final byte[] BAD_BASE64 = crlf("""
            Subject: bad
            Content-Type: multipart/mixed; boundary=q

            --q
            Content-Type: text/plain; charset=x-no-such-charset
            Content-Transfer-Encoding: base64

            SGVsbG8*** gd29y!!bGQ=
            ====
            @@
            --q
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            bad =ZZ soft=
            break =C3=A9
            --q
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: x-uuencode

            begin 644 x
            --q--
            """);

    static final byte[] DIGEST = crlf("""
            Content-Type: multipart/digest; boundary=d

            --d

            Subject: first

            one
            --d
            Content-Type: text/plain

            not a message
            --d--
            """);

    static final byte[] HTML_ONLY = crlf("""
            Subject: html
            Content-Type: text/html; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            <!DOCTYPE html><html><head><script>var x = "<p>no</p>";</script></head>
            <body><!-- a comment --><h1>Caf=E9</h1><p>Line&nbsp;one<br>line&#160;two &#x263A; &bogus; &lt;3</p></body></html>
            """);

    static final byte[] LF_ONLY = """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            one
            line
            --b
            Content-Type: text/plain

            two
            --b--
            """.getBytes(StandardCharsets.UTF_8);

    static final byte[] MIXED_LINE_ENDS = ("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\n\none\ntwo\n--b\r\nContent-Type: text/plain\r\n\r\nthree\r\n--b--\n")
            .getBytes(StandardCharsets.UTF_8);

    static final byte[] EMPTY_PARTS = crlf("""
            Content-Type: multipart/mixed; boundary=e

            --e
            --e
            Content-Type: text/plain
            --e

            --e--""");

    static final byte[] HEADER_ONLY = "Subject: no body\r\nFrom: a@b.c".getBytes(StandardCharsets.UTF_8);

    static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("simple", SIMPLE);
        all.put("alternative", ALTERNATIVE);
        all.put("mixed", MIXED);
        all.put("single-message", SINGLE_MESSAGE);
        all.put("rfc2231", RFC2231);
        all.put("encoded-words", ENCODED_WORDS);
        all.put("utf8-headers", UTF8_HEADERS);
        all.put("groups", GROUPS);
        all.put("missing-close", MISSING_CLOSE);
        all.put("nested-missing-close", NESTED_MISSING_CLOSE);
        all.put("no-content-type", NO_CONTENT_TYPE);
        all.put("no-boundary", NO_BOUNDARY);
        all.put("boundary-never-found", BOUNDARY_NEVER_FOUND);
        all.put("bad-base64", BAD_BASE64);
        all.put("digest", DIGEST);
        all.put("html-only", HTML_ONLY);
        all.put("lf-only", LF_ONLY);
        all.put("mixed-line-ends", MIXED_LINE_ENDS);
        all.put("empty-parts", EMPTY_PARTS);
        all.put("header-only", HEADER_ONLY);
        all.put("empty", new byte[0]);
        all.put("jmap-example", JmapSelectionTest.RFC_EXAMPLE);
        all.put("deep", NestingTest.nestedMultiparts(30));
        return all;
    }
}
