package dev.hermod.api.message;

/**
 * One address from an address-list header field (From, Sender, Reply-To, To, Cc, Bcc), as IMAP's ENVELOPE
 * and JMAP's {@code EmailAddress}/{@code EmailAddressGroup} need it.
 *
 * <p><b>Groups</b> (RFC 5322 §3.4, {@code name: member, member;}): every member carries the group's
 * display name in {@link #group()}, so consecutive addresses with the same group are one group. A group
 * with no members ({@code undisclosed-recipients:;}) is one <em>group marker</em>: an entry with
 * {@code group} set and {@code localPart} and {@code domain} both {@code null}. IMAP renders a group as
 * {@code (NIL NIL "name" NIL)}, its members, then {@code (NIL NIL NIL NIL)} (RFC 9051 §7.5.2).
 *
 * @param name      the display name with RFC 2047 encoded words decoded, or {@code null} when there is none
 * @param localPart the local part as written (quotes removed), or {@code null} for a group marker
 * @param domain    the domain as written, or {@code null} for a group marker or an address without one
 * @param group     the display name of the group this address belongs to, or {@code null} outside a group
 */
public record MailAddress(String name, String localPart, String domain, String group) {

    /**
     * Whether this entry only marks an empty group.
     *
     * @return {@code true} when {@link #group()} is set and there is no local part or domain
     */
    public boolean isGroupMarker() {
        return group != null && localPart == null && domain == null;
    }

    /**
     * The address as {@code localPart@domain}.
     *
     * @return {@code localPart@domain}, the local part alone when there is no domain, or {@code null} for a
     *         group marker
     */
    public String address() {
        if (localPart == null) {
            return null;
        }
        return domain == null ? localPart : localPart + "@" + domain;
    }
}
