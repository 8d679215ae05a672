package io.weir.runtime.internal.diag;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weir.runtime.internal.lifecycle.LeakReport;
import io.weir.runtime.internal.lifecycle.deploy.DeployFinding;
import io.weir.runtime.internal.lifecycle.deploy.DeployProblem;

/**
 * Renders the files of the watched folders that are not installed: a section of {@code weir:plugins} (one line per
 * file, by folder) and the full explanation of one file for {@code weir:diag <file>}.
 */
public final class DeployReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DeployReport() {
    }

    /** The {@code weir:plugins} section; empty when every file is installed. */
    public static String section(List<DeployFinding> findings, ZoneId zone) {
        if (findings.isEmpty()) {
            return "";
        }
        Map<Path, List<DeployFinding>> byFolder = new LinkedHashMap<>();
        for (DeployFinding finding : findings) {
            byFolder.computeIfAbsent(finding.problem().file().getParent(), f -> new ArrayList<>())
                    .add(finding);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Path, List<DeployFinding>> folder : byFolder.entrySet()) {
            out.append("\nNot installed from ").append(folder.getKey()).append(" (").append(folder.getValue().size())
                    .append("; weir:diag <file> explains one):\n");
            TextTable table = new TextTable("FILE", "SINCE", "PROBLEM", "BUNDLE");
            for (DeployFinding finding : folder.getValue()) {
                DeployProblem problem = finding.problem();
                table.row(finding.fileName(), TIME.format(problem.since().atZone(zone)), status(finding),
                        problem.identity() == null ? "-" : problem.identity().toString());
            }
            out.append(table.render("  "));
        }
        return out.toString();
    }

    /** The full explanation of one file for {@code weir:diag}. */
    public static String detail(DeployFinding finding, Instant now, ZoneId zone) {
        DeployProblem problem = finding.problem();
        StringBuilder out = new StringBuilder();
        out.append("File ").append(problem.file()).append(": ").append(headline(problem.kind())).append('\n');
        out.append("  Problem:   ").append(status(finding)).append('\n');
        out.append("  Since:     ").append(TIME.format(problem.since().atZone(zone))).append(" (")
                .append(LeakReport.ago(problem.since(), now)).append(")\n");
        out.append("  Bundle:    ").append(problem.identity() == null ? "unknown: the jar does not say"
                : problem.identity().toString()).append('\n');
        out.append("  Size:      ").append(problem.size()).append(" bytes when found");
        if (finding.fileChanged()) {
            out.append(", ").append(finding.currentSize()).append(" bytes now");
        }
        out.append('\n');
        out.append("\nWhy: ").append(problem.reason()).append(".\n");
        out.append("\nWhat to do: ").append(advice(finding)).append(".\n");
        return out.toString();
    }

    private static String headline(DeployProblem.Kind kind) {
        return kind == DeployProblem.Kind.UPDATE_FAILED ? "not applied (the bundle keeps its previous content)"
                : "not installed";
    }

    /** The label, and what has happened to the file since. */
    private static String status(DeployFinding finding) {
        String label = finding.problem().kind().label();
        if (finding.fileChanged()) {
            return label + ", file changing since (copy still running?)";
        }
        if (finding.otherGone()) {
            return label + ", the other file is gone now";
        }
        return label;
    }

    private static String advice(DeployFinding finding) {
        if (finding.fileChanged()) {
            return "wait until the file stops changing: FileInstall looks at it again once its size and time stay the"
                    + " same for a scan, and this entry then goes or says what is still wrong";
        }
        if (finding.otherGone()) {
            return "the file it duplicated, " + finding.problem().otherFile() + ", is gone. This file is not looked at"
                    + " again until it changes: move it into the folder again (or touch it) to install it";
        }
        return finding.problem().advice();
    }
}
