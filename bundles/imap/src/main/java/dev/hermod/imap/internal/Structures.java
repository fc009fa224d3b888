package dev.hermod.imap.internal;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ENVELOPE, BODY and BODYSTRUCTURE from a message's stored summary (RFC 9051 §7.5.2). */
final class Structures {

    private Structures() {
    }

    /** {@code (date subject from sender reply-to to cc bcc in-reply-to message-id)}. */
    static void envelope(Response r, MessageEnvelope e) {
        r.raw("(").nstring(e.dateRaw()).sp().nstring(e.subjectRaw()).sp();
        addresses(r, e.from());
        r.sp();
        // RFC 9051 §7.5.2: a missing Sender or Reply-To is taken from From
        addresses(r, e.sender() == null || e.sender().isEmpty() ? e.from() : e.sender());
        r.sp();
        addresses(r, e.replyTo() == null || e.replyTo().isEmpty() ? e.from() : e.replyTo());
        r.sp();
        addresses(r, e.to());
        r.sp();
        addresses(r, e.cc());
        r.sp();
        addresses(r, e.bcc());
        r.sp().nstring(e.inReplyToRaw()).sp().nstring(e.messageIdRaw()).raw(")");
    }

    /** An address list; groups as {@code (NIL NIL "name" NIL)} members {@code (NIL NIL NIL NIL)}. */
    private static void addresses(Response r, List<MailAddress> list) {
        if (list == null || list.isEmpty()) {
            r.raw("NIL");
            return;
        }
        r.raw("(");
        String group = null;
        for (MailAddress a : list) {
            if (group != null && !group.equals(a.group())) {
                r.raw("(NIL NIL NIL NIL)");
                group = null;
            }
            if (a.group() != null && group == null) {
                r.raw("(NIL NIL ").headerText(a.group()).raw(" NIL)");
                group = a.group();
            }
            if (a.isGroupMarker()) {
                continue;
            }
            r.raw("(").headerText(a.name()).raw(" NIL ").nstring(a.localPart()).sp().nstring(a.domain()).raw(")");
        }
        if (group != null) {
            r.raw("(NIL NIL NIL NIL)");
        }
        r.raw(")");
    }

    /** BODYSTRUCTURE ({@code extensions}) or BODY. */
    static void body(Response r, BodyPart p, boolean extensions) {
        if (p.isMultipart()) {
            r.raw("(");
            for (BodyPart child : p.children()) {
                body(r, child, extensions);
            }
            r.sp().string(p.subtype().toUpperCase(Locale.ROOT));
            if (extensions) {
                r.sp();
                parameters(r, p.parameters());
                r.sp();
                disposition(r, p);
                r.sp();
                language(r, p.language());
                r.sp().nstring(p.location());
            }
            r.raw(")");
            return;
        }
        r.raw("(").string(p.type().toUpperCase(Locale.ROOT)).sp().string(p.subtype().toUpperCase(Locale.ROOT)).sp();
        parameters(r, p.parameters());
        r.sp().nstring(p.contentId()).sp().nstring(p.description()).sp()
                .string(p.encoding().toUpperCase(Locale.ROOT)).sp().number(p.size());
        if (p.message() != null) {
            r.sp();
            envelope(r, p.message().envelope());
            r.sp();
            body(r, p.message().body(), extensions);
            r.sp().number(p.lines());
        } else if (p.type().equals("text")) {
            r.sp().number(p.lines());
        }
        if (extensions) {
            r.sp().nstring(p.md5()).sp();
            disposition(r, p);
            r.sp();
            language(r, p.language());
            r.sp().nstring(p.location());
        }
        r.raw(")");
    }

    private static void parameters(Response r, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            r.raw("NIL");
            return;
        }
        r.raw("(");
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                r.sp();
            }
            first = false;
            r.string(e.getKey().toUpperCase(Locale.ROOT)).sp().string(e.getValue());
        }
        r.raw(")");
    }

    private static void disposition(Response r, BodyPart p) {
        if (p.disposition() == null) {
            r.raw("NIL");
            return;
        }
        r.raw("(").string(p.disposition().toUpperCase(Locale.ROOT)).sp();
        parameters(r, p.dispositionParameters());
        r.raw(")");
    }

    private static void language(Response r, List<String> language) {
        if (language.isEmpty()) {
            r.raw("NIL");
            return;
        }
        r.raw("(");
        for (int i = 0; i < language.size(); i++) {
            if (i > 0) {
                r.sp();
            }
            r.string(language.get(i));
        }
        r.raw(")");
    }
}
