package io.weir.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class LeakReportSectionsTest {

    /** As weir:leaks prints it (see docs/lifecycle.md). */
    private static final String OUTPUT = String.join("\n",
            "Removed plugin revisions (3, newest first; 1 leaving something behind, 1 being checked):",
            "  com.acme.tcp 1.2.0  (bundle 18)  refreshed 2026-11-22 10:01:04 (1 s ago)  checking class loader",
            "  com.acme.leaky 1.0.0  (bundle 42)  uninstalled 2026-11-22 10:01:03 (12 s ago)  threads and class loader alive",
            "      threads alive after the grace period:",
            "      - thread \"weir-leaky-main-worker\" TIMED_WAITING: it runs the plugin's code at com.acme.leaky.Worker.run(Worker.java:75)",
            "          at com.acme.leaky.Worker.run(Worker.java:75)",
            "  com.acme.tcp 1.1.0  (bundle 17)  updated 2026-11-22 09:58:40 (2 min ago)  collected \u2714",
            "      its threads ended within 0.1 s: \"weir-tcp-in-acceptor\"",
            "      class loader collected 0.3 s after removal",
            "");

    @Test
    public void findsTheSectionOfOneRevisionWithItsEvidence() {
        String section = LeakReportSections.revision(OUTPUT, "com.acme.tcp", "1.1.0");
        assertEquals(String.join("\n",
                "  com.acme.tcp 1.1.0  (bundle 17)  updated 2026-11-22 09:58:40 (2 min ago)  collected \u2714",
                "      its threads ended within 0.1 s: \"weir-tcp-in-acceptor\"",
                "      class loader collected 0.3 s after removal"), section);
        assertTrue(LeakReportSections.finished(section));
        assertFalse(LeakReportSections.leaked(section));
        assertTrue(LeakReportSections.heading(section).startsWith("com.acme.tcp 1.1.0"));
    }

    @Test
    public void tellsARunningCheckFromALeakAndAnUnknownRevisionFromBoth() {
        String running = LeakReportSections.revision(OUTPUT, "com.acme.tcp", "1.2.0");
        assertFalse(LeakReportSections.finished(running));
        String leak = LeakReportSections.revision(OUTPUT, "com.acme.leaky", "1.0.0");
        assertTrue(LeakReportSections.finished(leak));
        assertTrue(LeakReportSections.leaked(leak));
        assertTrue(leak.contains("- thread \"weir-leaky-main-worker\""));
        assertNull(LeakReportSections.revision(OUTPUT, "com.acme.tcp", "1.0.0"));
        assertNull("a name is matched whole", LeakReportSections.revision(OUTPUT, "com.acme", "1.1.0"));
    }

    @Test
    public void listsEveryRevisionOfAPluginNewestFirst() {
        List<String> tcp = LeakReportSections.revisions(OUTPUT, "com.acme.tcp");
        assertEquals(2, tcp.size());
        assertTrue(tcp.get(0).contains("1.2.0"));
        assertTrue(tcp.get(1).contains("1.1.0"));
        assertEquals(List.of(), LeakReportSections.revisions("No plugin revision has been removed since the server started.\n",
                "com.acme.tcp"));
    }
}
