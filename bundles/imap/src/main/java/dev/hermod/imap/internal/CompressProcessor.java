package dev.hermod.imap.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * COMPRESS DEFLATE (RFC 4978): after the tagged OK, both directions are raw deflate streams (no zlib
 * header), each response flushed with a sync flush so that the client can read it at once.
 */
final class CompressProcessor implements Processor {

    /** Whether Netty's compression codecs are there (an optional import of the bundle). */
    static final boolean AVAILABLE = available();

    private static boolean available() {
        try {
            Class.forName("io.netty.handler.codec.compression.ZlibCodecFactory", false,
                    CompressProcessor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Set<String> commands() {
        return Set.of("COMPRESS");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        String mechanism = c.args().atom();
        c.args().end();
        if (!mechanism.equalsIgnoreCase("DEFLATE")) {
            throw ImapException.bad("Unknown compression mechanism " + Arguments.printable(mechanism));
        }
        if (session.context().pipeline().get("inflate") != null) {
            throw ImapException.no("COMPRESSIONACTIVE", "DEFLATE is already active");
        }
        session.updates(true);
        session.flush();
        session.onEventLoop(() -> {
            var ctx = session.context();
            ctx.writeAndFlush(Unpooled.wrappedBuffer((c.tag() + " OK DEFLATE active\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ChannelPipeline p = ctx.pipeline();
            if (p.get("tls") != null) {
                p.addAfter("tls", "inflate", ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE, 0));
                p.addAfter("inflate", "deflate", ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
            } else {
                p.addFirst("deflate", ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
                p.addFirst("inflate", ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE, 0));
            }
            session.input().resume();
        });
        return null;
    }
}
