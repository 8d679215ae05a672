package io.weir.runtime.internal.diag;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;
import org.osgi.framework.VersionRange;

public class ImportPackageParserTest {

    @Test
    public void parsesBndStyleHeader() {
        List<PackageImport> imports = ImportPackageParser.parse(
                "io.weir.api.connector;version=\"[1.0,2)\",io.weir.api.event;version=\"[1.1,1.2)\",org.slf4j;version=\"[2.0,3)\"");
        assertEquals(3, imports.size());
        assertEquals(new PackageImport("io.weir.api.connector", VersionRange.valueOf("[1.0,2)"), false), imports.get(0));
        assertEquals(VersionRange.valueOf("[1.1,1.2)"), imports.get(1).range());
        assertEquals("org.slf4j", imports.get(2).packageName());
        assertTrue(imports.get(0).isApi());
        assertFalse(imports.get(2).isApi());
    }

    @Test
    public void sharesParametersAcrossPackagesOfOneClause() {
        List<PackageImport> imports = ImportPackageParser.parse("a.b;c.d;version=1.2;resolution:=optional");
        assertEquals(2, imports.size());
        for (PackageImport imp : imports) {
            assertEquals(VersionRange.valueOf("1.2"), imp.range());
            assertTrue(imp.optional());
        }
    }

    @Test
    public void noVersionMeansAnyVersion() {
        PackageImport imp = ImportPackageParser.parse("javax.script").get(0);
        assertEquals("(any version)", VersionText.range(imp.range()));
        assertTrue(imp.range().includes(org.osgi.framework.Version.parseVersion("0.0.0.JavaSE_017")));
    }

    @Test
    public void readsTypedAttributesDirectivesAndSpacing() {
        List<PackageImport> imports = ImportPackageParser.parse(
                " org.foo ; version:Version = \"[1.2, 2)\" ; resolution := mandatory ; vendor=acme , org.bar;specification-version=3");
        assertEquals(new PackageImport("org.foo", VersionRange.valueOf("[1.2,2)"), false), imports.get(0));
        assertEquals(VersionRange.valueOf("3"), imports.get(1).range());
    }

    @Test
    public void emptyHeaderHasNoImports() {
        assertTrue(ImportPackageParser.parse(null).isEmpty());
        assertTrue(ImportPackageParser.parse("  ").isEmpty());
    }

    @Test
    public void invalidRangeNamesTheClause() {
        try {
            ImportPackageParser.parse("org.foo;version=\"[1,x)\"");
            fail("accepted a malformed range");
        } catch (IllegalArgumentException e) {
            assertEquals("Import-Package clause 'org.foo;version=\"[1,x)\"' has an invalid version range '[1,x)'",
                    e.getMessage());
        }
    }
}
