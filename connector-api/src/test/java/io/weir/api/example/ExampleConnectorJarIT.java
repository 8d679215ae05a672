package io.weir.api.example;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;

/**
 * Checks the jar of the example connector, built by the invoker as a plugin author would build it:
 * what the server needs to load it, and nothing it must not carry.
 */
public class ExampleConnectorJarIT {
    private static JarFile jar;
    private static Attributes manifest;

    @BeforeClass
    public static void openJar() throws Exception {
        File file = new File(System.getProperty("weir.example.jar", "target/it/example/target/weir-example-connector.jar"));
        assertTrue("the invoker must have built " + file, file.isFile());
        jar = new JarFile(file);
        manifest = jar.getManifest().getMainAttributes();
    }

    @AfterClass
    public static void closeJar() throws Exception {
        jar.close();
    }

    @Test
    public void isTheExampleBundle() {
        assertEquals("io.weir.example.connector", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("2", manifest.getValue("Bundle-ManifestVersion"));
    }

    @Test
    public void importsTheApiPackagesWithinTheirMajorVersion() {
        Parameters imports = OSGiHeader.parseHeader(manifest.getValue("Import-Package"));
        List<String> api = new ArrayList<>();
        for (Map.Entry<String, Attrs> entry : imports.entrySet()) {
            String pkg = entry.getKey();
            assertFalse("the JDK's packages are not imported: " + pkg, pkg.startsWith("java."));
            if (pkg.startsWith("io.weir.")) {
                assertTrue("a plugin imports only the API: " + pkg, pkg.startsWith("io.weir.api."));
                // Implementing a @ConsumerType or using a @ProviderType: any 1.x API will do.
                assertEquals(pkg, "[1.0,2)", entry.getValue().getVersion());
                api.add(pkg);
            }
        }
        assertTrue(api.toString(), api.contains("io.weir.api.connector"));
    }

    @Test
    public void exportsAndEmbedsNothingOfTheApi() {
        assertNull("a plugin exports nothing", manifest.getValue("Export-Package"));
        assertTrue("the API comes from the server", jar.stream().noneMatch(e -> e.getName().startsWith("io/weir/api/")));
    }

    @Test
    public void declaresBothConnectorsAsRequiredFactoryConfigurations() throws Exception {
        Map<String, Element> components = new HashMap<>();
        for (String path : manifest.getValue("Service-Component").split(",")) {
            Element component = xml(path.trim()).getDocumentElement();
            components.put(component.getAttribute("configuration-pid"), component);
        }
        assertEquals(components.keySet().toString(), 2, components.size());
        checkComponent(components.get("weir.source.sequence"), "io.weir.api.connector.Source", "sequence");
        checkComponent(components.get("weir.sink.append"), "io.weir.api.connector.Sink", "append");
        assertTrue(manifest.getValue("Require-Capability"), manifest.getValue("Require-Capability")
                .contains("(osgi.extender=osgi.component)"));
    }

    private static void checkComponent(Element component, String service, String type) {
        assertNotNull(component);
        assertEquals("require", component.getAttribute("configuration-policy"));
        assertEquals(service, ((Element) component.getElementsByTagName("provide").item(0)).getAttribute("interface"));
        NodeList properties = component.getElementsByTagName("property");
        String declared = null;
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if ("weir.connector.type".equals(property.getAttribute("name"))) {
                declared = property.getAttribute("value");
            }
        }
        assertEquals(type, declared);
    }

    @Test
    public void describesTheOptionsOfEachFactoryPid() throws Exception {
        List<String> factoryPids = new ArrayList<>();
        for (ZipEntry entry : jar.stream().filter(e -> e.getName().startsWith("OSGI-INF/metatype/")
                && e.getName().endsWith(".xml")).toList()) {
            NodeList designates = xml(entry.getName()).getElementsByTagName("Designate");
            for (int i = 0; i < designates.getLength(); i++) {
                factoryPids.add(((Element) designates.item(i)).getAttribute("factoryPid"));
            }
        }
        factoryPids.sort(null);
        assertEquals(List.of("weir.sink.append", "weir.source.sequence"), factoryPids);
    }

    private static Document xml(String path) throws Exception {
        ZipEntry entry = jar.getEntry(path);
        assertNotNull("missing " + path, entry);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try (InputStream in = jar.getInputStream(entry)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }
}
