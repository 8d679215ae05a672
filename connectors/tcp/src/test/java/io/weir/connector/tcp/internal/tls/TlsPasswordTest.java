package io.weir.connector.tcp.internal.tls;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import io.weir.connector.support.internal.config.ConfigReader;

import org.junit.Test;

public class TlsPasswordTest {
    private static String read(Map<String, Object> properties) {
        ConfigReader options = new ConfigReader(properties);
        return TlsPassword.read(options, "tls.keystore_password", () -> (String) properties.get("tls.keystore_password"),
                () -> (String) properties.get(".tls.keystore_password"));
    }

    @Test
    public void thePrivateSpellingIsRead() {
        assertEquals("s3cret", read(Map.of(".tls.keystore_password", " s3cret ")));
    }

    @Test
    public void thePublicSpellingStillWorks() {
        assertEquals("open", read(Map.of("tls.keystore_password", "open")));
    }

    @Test
    public void neitherIsAnEmptyPassword() {
        assertEquals("", read(Map.of()));
    }

    @Test
    public void bothAreRefusedNamingBothKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                "tls.keystore_password", "a", ".tls.keystore_password", "b", "felix.fileinstall.filename",
                "file:/opt/weir/etc/weir.source.tcp_server-in.cfg")));
        assertTrue(e.getMessage(), e.getMessage().contains("weir.source.tcp_server-in.cfg")
                && e.getMessage().contains(".tls.keystore_password and tls.keystore_password are both set"));
    }
}
