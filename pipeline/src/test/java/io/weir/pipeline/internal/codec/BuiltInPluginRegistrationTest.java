package io.weir.pipeline.internal.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.File;
import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.weir.api.codec.Codec;
import io.weir.api.processor.PostprocessorFactory;
import io.weir.api.processor.PreprocessorFactory;

/**
 * Checks the DS descriptors bnd generated from the annotations: every built-in codec and
 * processor is registered under the SPI interface with the name configurations use, as a
 * third-party plugin would be.
 */
public class BuiltInPluginRegistrationTest {

    @Test
    public void everyBuiltInIsRegisteredUnderItsName() throws Exception {
        URL descriptors = getClass().getResource("/OSGI-INF");
        assertNotNull("bnd writes OSGI-INF before the tests run", descriptors);
        Map<String, String> registered = new TreeMap<>();
        File[] files = new File(descriptors.toURI()).listFiles((dir, name) -> name.endsWith(".xml"));
        for (File file : files) {
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file);
            String service = ((Element) xml.getElementsByTagName("provide").item(0)).getAttribute("interface");
            NodeList properties = xml.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                String name = property.getAttribute("name");
                if (name.equals(Codec.NAME) || name.equals(PreprocessorFactory.NAME) || name.equals(PostprocessorFactory.NAME)) {
                    registered.put(name + "=" + property.getAttribute("value"), service);
                    Class<?> implementation = Class.forName(((Element) xml.getElementsByTagName("implementation").item(0)).getAttribute("class"));
                    assertEquals(true, Class.forName(service).isAssignableFrom(implementation));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String codec : new String[] {"json", "string", "binary", "csv", "msgpack", "influx", "syslog"}) {
            expected.put(Codec.NAME + "=" + codec, Codec.class.getName());
        }
        for (String pre : new String[] {"separate", "length-prefixed", "textual-length-prefixed", "base64", "decompress", "remove-empty"}) {
            expected.put(PreprocessorFactory.NAME + "=" + pre, PreprocessorFactory.class.getName());
        }
        for (String post : new String[] {"separate", "length-prefixed", "textual-length-prefixed", "base64", "compress", "chunk"}) {
            expected.put(PostprocessorFactory.NAME + "=" + post, PostprocessorFactory.class.getName());
        }
        assertEquals(expected, registered);
    }
}
