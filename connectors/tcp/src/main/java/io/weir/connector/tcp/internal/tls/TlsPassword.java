package io.weir.connector.tcp.internal.tls;

import java.util.function.Supplier;

import io.weir.connector.support.internal.config.ConfigReader;

/**
 * Reads a TLS password option. Declarative Services copies every configuration property of an
 * instance into its service properties, where anyone who can list services reads them, except
 * properties whose name starts with a dot. So each password has a private spelling,
 * {@code .tls.keystore_password}, which the connector prefers; the public one still works, with a
 * warning.
 */
public final class TlsPassword {
    private static final System.Logger LOG = System.getLogger(TlsPassword.class.getName());

    private TlsPassword() {
    }

    /**
     * @param options the connector's options, for messages
     * @param key     the public key, for example {@code tls.keystore_password}
     * @param shown   reads the public key
     * @param hidden  reads the private key, the public one with a leading dot
     * @return the password, empty when neither is set
     * @throws IllegalArgumentException when both are set
     */
    public static String read(ConfigReader options, String key, Supplier<String> shown, Supplier<String> hidden) {
        String visible = blankToEmpty(options.read(key, shown));
        String secret = blankToEmpty(options.read("." + key, hidden));
        if (!visible.isEmpty() && !secret.isEmpty()) {
            throw options.invalid("." + key, "and " + key + " are both set; keep only ." + key);
        }
        if (!visible.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} is visible in the service properties of the instance; "
                    + "write .{1} instead (a leading dot keeps a property private)", options.origin(), key);
            return visible;
        }
        return secret;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
