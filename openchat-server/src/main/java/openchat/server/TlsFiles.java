package openchat.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import openchat.server.config.Sentence;
import openchat.server.config.StartRefusal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The PEM files the server's TLS is given: a certificate chain and its private key (PKCS#8, or PKCS#1 and SEC 1 as
 * older openssl writes them). Each file's blocks are told apart, so that a wrong file is refused with a sentence
 * that names it and says what it holds instead: the JDK's parser took a key for a certificate and answered "signed
 * fields invalid".
 */
final class TlsFiles {
    private TlsFiles() {}

    /** The certificates in {@code file}, in its order: the server's own first, then those that vouch for it. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<Object> blocks = blocks(file, "certificate");
        List<X509Certificate> chain = new ArrayList<>();
        for (Object block : blocks) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new StartRefusal(Sentence.of("tls.certificate.unreadable", file, e.getMessage()), e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new StartRefusal(Sentence.of(
                    blocks.stream().anyMatch(TlsFiles::isPrivateKey)
                            ? "tls.certificate.swapped"
                            : "tls.certificate.none",
                    file));
        }
        return chain;
    }

    /** The first private key in {@code file}; it must not be encrypted (the server asks for no passphrase). */
    static PrivateKey privateKey(Path file) throws IOException {
        List<Object> blocks = blocks(file, "key");
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object block : blocks) {
            try {
                if (block instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (block instanceof PEMKeyPair pkcs1OrSec1) {
                    // Not getKeyPair: SEC 1 makes the public half optional, and a key written without it is whole.
                    return converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo());
                }
            } catch (PEMException e) {
                throw new StartRefusal(Sentence.of("tls.key.unreadable", file, e.getMessage()), e);
            }
            if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                throw new StartRefusal(Sentence.of("tls.key.encrypted", file));
            }
        }
        throw new StartRefusal(Sentence.of(
                blocks.stream().anyMatch(X509CertificateHolder.class::isInstance) ? "tls.key.swapped" : "tls.key.none",
                file));
    }

    private static boolean isPrivateKey(Object block) {
        return block instanceof PrivateKeyInfo
                || block instanceof PEMKeyPair
                || block instanceof PKCS8EncryptedPrivateKeyInfo
                || block instanceof PEMEncryptedKeyPair;
    }

    /**
     * The PEM blocks of {@code file}, parsed; text around them is skipped, so a file without any (text, DER, empty)
     * has none. Read as ISO-8859-1, which maps every byte, so that a binary file is one without blocks rather
     * than a decoding error.
     */
    private static List<Object> blocks(Path file, String what) throws IOException {
        List<Object> blocks = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                PEMParser parser = new PEMParser(in)) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            // A block that is not base64, not DER or of a kind PEM does not know ("unrecognised object: FOO").
            throw new StartRefusal(Sentence.of("tls." + what + ".notPem", file, e.getMessage()), e);
        }
        return blocks;
    }
}
