package dev.hermod.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes a message as PGP/MIME (RFC 3156 §4): a {@code multipart/encrypted} body whose second part is the
 * whole original message, header and body, encrypted to every given key and ASCII-armored.
 */
final class PgpMimeWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PgpMimeWriter() {
    }

    static void write(MessageHead head, Set<String> visible, List<PGPPublicKey> keys, int cipherBits,
                      OutputStream out) throws IOException {
        String boundary = OuterHeader.boundary();
        OuterHeader.write(out, head, visible,
                "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";",
                "\tboundary=\"" + boundary + "\"");
        OuterHeader.line(out, "This is an OpenPGP/MIME encrypted message (RFC 3156).");
        OuterHeader.line(out, "");
        OuterHeader.line(out, "--" + boundary);
        OuterHeader.line(out, "Content-Type: application/pgp-encrypted");
        OuterHeader.line(out, "Content-Description: PGP/MIME version identification");
        OuterHeader.line(out, "");
        OuterHeader.line(out, "Version: 1");
        OuterHeader.line(out, "");
        OuterHeader.line(out, "--" + boundary);
        OuterHeader.line(out, "Content-Type: application/octet-stream; name=\"encrypted.asc\"");
        OuterHeader.line(out, "Content-Description: OpenPGP encrypted message");
        OuterHeader.line(out, "Content-Disposition: inline; filename=\"encrypted.asc\"");
        OuterHeader.line(out, "");
        try (InputStream plain = new SequenceInputStream(new java.io.ByteArrayInputStream(head.bytes()), head.body())) {
            encrypt(plain, keys, cipherBits, out);
        }
        OuterHeader.line(out, "");
        OuterHeader.line(out, "--" + boundary + "--");
    }

    /** The armored OpenPGP message (RFC 9580 §5.13: SEIPD with MDC, which every current client reads). */
    static void encrypt(InputStream plain, List<PGPPublicKey> keys, int cipherBits, OutputStream out)
            throws IOException {
        int algorithm = cipherBits == 128 ? SymmetricKeyAlgorithmTags.AES_128 : SymmetricKeyAlgorithmTags.AES_256;
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(algorithm).setWithIntegrityPacket(true).setSecureRandom(RANDOM));
        for (PGPPublicKey key : keys) {
            generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(RANDOM));
        }
        CrlfOutputStream crlf = new CrlfOutputStream(out);
        ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(crlf);
        try {
            try (OutputStream encrypted = generator.open(armor, new byte[64 * 1024]);
                 OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, "",
                         new Date(), new byte[64 * 1024])) {
                plain.transferTo(literal);
            }
        } catch (PGPException e) {
            throw new IOException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
        armor.close();
        crlf.close();
    }
}
