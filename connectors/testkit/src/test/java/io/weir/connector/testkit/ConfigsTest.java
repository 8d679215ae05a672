package io.weir.connector.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class ConfigsTest {
    @interface Sample {
        String host() default "127.0.0.1";

        int max__body__bytes() default 1024;

        long rotate_interval__s() default 60;

        boolean tls_enabled() default false;

        int port();

        String path();
    }

    @interface Odd {
        double ratio() default 0.5;
    }

    @Test
    public void keysFollowTheDsNameMapping() {
        assertEquals("max_body_bytes", Configs.key("max__body__bytes"));
        assertEquals("rotate.interval_s", Configs.key("rotate_interval__s"));
        assertEquals("tls.enabled", Configs.key("tls_enabled"));
    }

    @Test
    public void absentKeysGiveTheDefaultOrZero() {
        Sample sample = Configs.of(Sample.class, Map.of());
        assertEquals("127.0.0.1", sample.host());
        assertEquals(1024, sample.max__body__bytes());
        assertEquals(60, sample.rotate_interval__s());
        assertFalse(sample.tls_enabled());
        assertEquals(0, sample.port());
        assertNull(sample.path());
    }

    @Test
    public void textAndNumbersConvertToTheMethodsType() {
        Sample sample = Configs.of(Sample.class, Map.of("max_body_bytes", " 7 ", "rotate.interval_s", 5,
                "tls.enabled", "true", "port", 8080L, "path", "/in", "host", 1));
        assertEquals(7, sample.max__body__bytes());
        assertEquals(5L, sample.rotate_interval__s());
        assertTrue(sample.tls_enabled());
        assertEquals(8080, sample.port());
        assertEquals("/in", sample.path());
        assertEquals("1", sample.host());
        assertTrue(sample.toString(), sample.toString().startsWith("Sample"));
    }

    @Test
    public void aValueThatDoesNotConvertThrowsFromTheMethod() {
        Sample sample = Configs.of(Sample.class, Map.of("port", "http"));
        NumberFormatException e = assertThrows(NumberFormatException.class, sample::port);
        assertEquals("For input string: \"http\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Configs.of(Odd.class, Map.of("ratio", "1")).ratio());
    }
}
