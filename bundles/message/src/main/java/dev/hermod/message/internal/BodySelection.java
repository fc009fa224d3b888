package dev.hermod.message.internal;

import java.util.ArrayList;
import java.util.List;

import dev.hermod.api.message.BodyPart;

/**
 * JMAP's {@code textBody}, {@code htmlBody} and {@code attachments} (RFC 8621 §4.1.4), by the algorithm
 * the RFC gives, step for step. Embedded messages are leaves here: their parts are not looked into.
 */
final class BodySelection {

    final List<BodyPart> textBody = new ArrayList<>();
    final List<BodyPart> htmlBody = new ArrayList<>();
    final List<BodyPart> attachments = new ArrayList<>();

    static BodySelection of(BodyPart root) {
        BodySelection s = new BodySelection();
        parse(List.of(root), "mixed", false, s.htmlBody, s.textBody, s.attachments);
        return s;
    }

    private static boolean inlineMediaType(BodyPart part) {
        return part.type().equals("image") || part.type().equals("audio") || part.type().equals("video");
    }

    /**
     * {@code htmlBody} and {@code textBody} are the shared lists, or {@code null} once this level has
     * decided against one of them (the RFC's local reassignment).
     */
    private static void parse(List<BodyPart> parts, String multipartType, boolean inAlternative,
                              List<BodyPart> htmlBody, List<BodyPart> textBody, List<BodyPart> attachments) {
        int textLength = textBody != null ? textBody.size() : -1;
        int htmlLength = htmlBody != null ? htmlBody.size() : -1;
        for (int i = 0; i < parts.size(); i++) {
            BodyPart part = parts.get(i);
            String type = part.mimeType();
            boolean isMultipart = part.isMultipart();
            boolean isInline = !"attachment".equals(part.disposition())
                    && (type.equals("text/plain") || type.equals("text/html") || inlineMediaType(part))
                    && (i == 0 || !multipartType.equals("related")
                        && (inlineMediaType(part) || part.name() == null));
            if (isMultipart) {
                String sub = part.subtype();
                parse(part.children(), sub, inAlternative || sub.equals("alternative"),
                        htmlBody, textBody, attachments);
            } else if (isInline) {
                if (multipartType.equals("alternative")) {
                    // The RFC's code would fail on a list an enclosing level dropped; the part is then kept
                    // as an attachment rather than lost.
                    List<BodyPart> target = switch (type) {
                        case "text/plain" -> textBody;
                        case "text/html" -> htmlBody;
                        default -> attachments;
                    };
                    (target != null ? target : attachments).add(part);
                    continue;
                } else if (inAlternative) {
                    if (type.equals("text/plain")) {
                        htmlBody = null;
                    }
                    if (type.equals("text/html")) {
                        textBody = null;
                    }
                }
                if (textBody != null) {
                    textBody.add(part);
                }
                if (htmlBody != null) {
                    htmlBody.add(part);
                }
                if ((textBody == null || htmlBody == null) && inlineMediaType(part)) {
                    attachments.add(part);
                }
            } else {
                attachments.add(part);
            }
        }
        if (multipartType.equals("alternative") && textBody != null && htmlBody != null) {
            if (textLength == textBody.size() && htmlLength != htmlBody.size()) {
                // found an HTML part only
                textBody.addAll(new ArrayList<>(htmlBody.subList(htmlLength, htmlBody.size())));
            }
            if (htmlLength == htmlBody.size() && textLength != textBody.size()) {
                // found a plain text part only
                htmlBody.addAll(new ArrayList<>(textBody.subList(textLength, textBody.size())));
            }
        }
    }
}
