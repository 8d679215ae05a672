package io.weir.itests.support;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.junit.Test;

public class TestBundleTest {

    @Test
    public void writesTheManifestFirstWithHeadersAndThenTheEntries() throws Exception {
        byte[] jar = TestBundle.named("org.example.plugin").version("1.2.3")
                .importPackage("io.weir.api.connector;version=\"[2.0,3)\"")
                .addClass(TestBundleTest.class)
                .addResource("OSGI-INF/component.xml", "<component/>")
                .build();

        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            assertNotNull("JarInputStream finds the manifest only as the first entry", in.getManifest());
            Attributes main = in.getManifest().getMainAttributes();
            assertEquals("2", main.getValue("Bundle-ManifestVersion"));
            assertEquals("org.example.plugin", main.getValue("Bundle-SymbolicName"));
            assertEquals("1.2.3", main.getValue("Bundle-Version"));
            assertEquals("io.weir.api.connector;version=\"[2.0,3)\"", main.getValue("Import-Package"));

            Map<String, byte[]> entries = new HashMap<>();
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
            assertEquals(2, entries.size());
            assertArrayEquals("<component/>".getBytes(StandardCharsets.UTF_8), entries.get("OSGI-INF/component.xml"));
            byte[] classFile = entries.get("io/weir/itests/support/TestBundleTest.class");
            assertEquals(0xCAFEBABE, ((classFile[0] & 0xff) << 24) | ((classFile[1] & 0xff) << 16)
                    | ((classFile[2] & 0xff) << 8) | (classFile[3] & 0xff));
        }
    }
}
