package io.weir.runtime.internal.diag;

import java.util.List;

/**
 * The full diagnosis of one bundle for {@code weir:diag}.
 *
 * @param bundle         the bundle
 * @param state          its state name
 * @param location       where it was installed from (the jar)
 * @param imports        every package import with its wiring
 * @param problems       what keeps it from running: unmet imports and requirements, components that fail
 * @param components     the state of each DS component, empty when none are known
 * @param componentsNote why no components are listed (bundle not active, no Declarative Services), or {@code null}
 */
public record BundleReport(BundleRef bundle, String state, String location, List<WiredImport> imports,
        List<String> problems, List<ComponentStatus> components, String componentsNote) {

    /** Renders the report for the shell. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Bundle ").append(bundle.id()).append(": ").append(bundle.symbolicName()).append(' ')
                .append(bundle.version()).append('\n');
        out.append("  State:     ").append(state).append('\n');
        out.append("  Location:  ").append(location).append('\n');

        out.append("\nImports:\n");
        if (imports.isEmpty()) {
            out.append("  (none)\n");
        } else {
            TextTable table = new TextTable("PACKAGE", "ASKS FOR", "WIRED TO");
            for (WiredImport wired : imports) {
                PackageImport imp = wired.requested();
                String to = wired.version() == null
                        ? (imp.optional() ? "not wired (optional)" : "not wired")
                        : wired.version() + " from " + wired.provider().describe();
                table.row(imp.packageName(), VersionText.range(imp.range()), to);
            }
            out.append(table.render("  "));
        }

        out.append("\nComponents:\n");
        if (componentsNote != null) {
            out.append("  ").append(componentsNote).append('\n');
        } else if (components.isEmpty()) {
            out.append("  (none)\n");
        } else {
            TextTable table = new TextTable("COMPONENT", "STATE");
            for (ComponentStatus component : components) {
                table.row(component.name(), component.state());
                component.details().forEach(table::note);
            }
            out.append(table.render("  "));
        }

        if (problems.isEmpty()) {
            out.append("\nNo problems found.\n");
        } else {
            out.append("\nProblems:\n");
            for (String problem : problems) {
                out.append("  - ").append(problem).append('\n');
            }
        }
        return out.toString();
    }
}
