package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.outbound.QueueEntry;
import dev.hermod.api.outbound.QueueEntry.State;

/**
 * One recipient of an entry ({@code 20 01 id 01 index}).
 *
 * @param address   the recipient
 * @param state     where it stands
 * @param reply     the last reply, remote or made up locally, or {@code null} before the first attempt
 * @param remoteMta the host that gave {@code reply}, or {@code null}
 * @param expired   failed because the entry expired (the DSN says {@code 4.4.7})
 * @param notified  a failed recipient's DSN is queued (or none is due: {@code <>} sender)
 */
record RecipientRecord(Address address, State state, SmtpReply reply, String remoteMta, boolean expired,
                       boolean notified) {

    private static final int FORMAT = 1;

    static RecipientRecord pending(Address address) {
        return new RecipientRecord(address, State.PENDING, null, null, false, false);
    }

    RecipientRecord outcome(State newState, SmtpReply newReply, String newRemoteMta) {
        return new RecipientRecord(address, newState, newReply, newRemoteMta, false, false);
    }

    RecipientRecord expire() {
        return new RecipientRecord(address, State.FAILED, reply, remoteMta, true, false);
    }

    RecipientRecord notifiedNow() {
        return new RecipientRecord(address, state, reply, remoteMta, expired, true);
    }

    QueueEntry.RecipientState toState() {
        return new QueueEntry.RecipientState(address, state, reply == null ? null : reply.toString());
    }

    byte[] encode() {
        return Codec.encode(FORMAT, out -> {
            out.writeUTF(address.toString());
            out.writeByte(state.ordinal());
            out.writeBoolean(expired);
            out.writeBoolean(notified);
            out.writeShort(reply == null ? 0 : reply.code());
            if (reply != null) {
                out.writeUTF(reply.enhancedStatus() == null ? "" : reply.enhancedStatus());
                out.writeUTF(reply.text());
            }
            out.writeUTF(remoteMta == null ? "" : remoteMta);
        });
    }

    static RecipientRecord decode(byte[] value) {
        return Codec.decode(value, FORMAT, "queue recipient", in -> {
            Address address = Address.parse(in.readUTF());
            State state = State.values()[in.readUnsignedByte()];
            boolean expired = in.readBoolean();
            boolean notified = in.readBoolean();
            int code = in.readUnsignedShort();
            SmtpReply reply = null;
            if (code != 0) {
                String enhanced = in.readUTF();
                reply = new SmtpReply(code, enhanced.isEmpty() ? null : enhanced, in.readUTF());
            }
            String remote = in.readUTF();
            return new RecipientRecord(address, state, reply, remote.isEmpty() ? null : remote, expired, notified);
        });
    }
}
