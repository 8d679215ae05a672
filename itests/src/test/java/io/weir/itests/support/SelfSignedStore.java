package io.weir.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store for a TLS server on loopback, made at test time with the JDK's keytool: one self-signed certificate for
 * {@code localhost} and {@code 127.0.0.1}, and the client side that trusts exactly it.
 */
public final class SelfSignedStore {
    /** The password of the store and of its key. */
    public static final String PASSWORD = "changeit";

    private final Path file;

    private SelfSignedStore(Path file) {
        this.file = file;
    }

    /**
     * Runs keytool once.
     *
     * @param folder where {@code server.p12} goes
     * @return the store
     * @throws IOException when keytool fails, with its output
     */
    public static SelfSignedStore create(Path folder) throws IOException, InterruptedException {
        Path store = folder.resolve("server.p12");
        Files.deleteIfExists(store);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new SelfSignedStore(store);
    }

    /** @return the PKCS12 file with the server's key and certificate */
    public Path file() {
        return file;
    }

    /** @return a client context that trusts this certificate only */
    public SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(file.toFile(), PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
