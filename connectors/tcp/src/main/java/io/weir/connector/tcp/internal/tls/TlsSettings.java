package io.weir.connector.tcp.internal.tls;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS options of a TCP connector: key store (our certificate and key), trust store (whom we
 * trust; the JDK's default trust when absent) and their passwords. Stores are PKCS12 or JKS,
 * recognised by their content. The context is built again at every open, so renewed certificates
 * are picked up when the connector reconnects.
 */
public final class TlsSettings {
    private final String connector;
    private final String keystore;
    private final char[] keystorePassword;
    private final String truststore;
    private final char[] truststorePassword;

    /**
     * @param connector          the connector, for messages
     * @param keystore           path of the key store, or empty
     * @param keystorePassword   its password, may be empty
     * @param truststore         path of the trust store, or empty for the JDK's default trust
     * @param truststorePassword its password, may be empty
     */
    public TlsSettings(String connector, String keystore, String keystorePassword, String truststore,
            String truststorePassword) {
        this.connector = connector;
        this.keystore = blankToEmpty(keystore);
        this.keystorePassword = blankToEmpty(keystorePassword).toCharArray();
        this.truststore = blankToEmpty(truststore);
        this.truststorePassword = blankToEmpty(truststorePassword).toCharArray();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    /** @return whether a key store is configured */
    public boolean hasKeystore() {
        return !keystore.isEmpty();
    }

    /**
     * Builds the SSL context from the stores as they are now on disk.
     *
     * @return the context
     * @throws IllegalArgumentException naming the option whose store cannot be read
     */
    public SSLContext context() {
        KeyManager[] keys = null;
        if (!keystore.isEmpty()) {
            KeyStore store = load("tls.keystore", keystore, keystorePassword);
            try {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, keystorePassword);
                keys = factory.getKeyManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(connector + " option tls.keystore: cannot use the key in "
                        + keystore + " (is tls.keystore_password right?): " + e.getMessage(), e);
            }
        }
        TrustManager[] trust = null;
        if (!truststore.isEmpty()) {
            KeyStore store = load("tls.truststore", truststore, truststorePassword);
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(connector + " option tls.truststore: cannot use " + truststore
                        + ": " + e.getMessage(), e);
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(connector + ": the JDK offers no TLS context: " + e.getMessage(), e);
        }
    }

    private KeyStore load(String option, String path, char[] password) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalArgumentException(connector + " option " + option + ": no such file: " + path);
        }
        try {
            return KeyStore.getInstance(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(connector + " option " + option + ": cannot read " + path
                    + " as a PKCS12 or JKS store (is " + option + "_password right?): " + e.getMessage(), e);
        }
    }
}
