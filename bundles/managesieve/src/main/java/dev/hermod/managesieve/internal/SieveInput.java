package dev.hermod.managesieve.internal;

import dev.hermod.net.support.LineFramer;
import io.netty.buffer.ByteBuf;

/**
 * Frames the client's octets (RFC 5804 §4): command lines up to CRLF, each at most {@code maxLine} octets,
 * and the literals whose length the session has read from the end of a line ({@code {n+}}, or {@code {n}}).
 * A literal is either collected and passed on whole ({@link #readLiteral}) or skipped ({@link #skipLiteral},
 * for one that is too large).
 *
 * <p>Lines, pausing after each event and the line limit are {@link LineFramer}'s. All methods run on the
 * event loop.
 */
final class SieveInput extends LineFramer {

    /**
     * A literal collected whole after {@link #readLiteral}.
     *
     * @param bytes its octets
     */
    record Literal(byte[] bytes) {
    }

    private long literalLeft;
    private byte[] literal;
    private int literalFilled;

    /** @param maxLine the longest line in octets, CRLF included */
    SieveInput(int maxLine) {
        super(maxLine);
    }

    /** The next {@code length} octets are a literal to pass on whole as a {@link Literal}. */
    void readLiteral(int length) {
        literal = new byte[length];
        literalFilled = 0;
        literalLeft = length;
    }

    /** The next {@code length} octets are dropped. */
    void skipLiteral(long length) {
        literalLeft = length;
    }

    @Override
    protected Object next() {
        ByteBuf buffer = buffer();
        if (literalLeft > 0) {
            int n = (int) Math.min(literalLeft, buffer.readableBytes());
            literalLeft -= n;
            if (literal != null) {
                buffer.readBytes(literal, literalFilled, n);
                literalFilled += n;
                if (literalLeft > 0) {
                    return null;
                }
                byte[] done = literal;
                literal = null;
                return new Literal(done);
            }
            buffer.skipBytes(n);
            if (literalLeft > 0) {
                return null;
            }
            // the skipped literal is done: the rest of the command line follows
        }
        if (literal != null) {
            // an empty literal: {0+}
            literal = null;
            return new Literal(new byte[0]);
        }
        return nextLine();
    }
}
