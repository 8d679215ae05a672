package io.weir.runtime.internal.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the {@code weir:plugins} listing: one aligned line per bundle with its API imports, then the
 * plain-words reason for each bundle that does not run.
 */
public final class PluginListing {

    private PluginListing() {
    }

    /**
     * @param plugins      the plugin bundles
     * @param weirBundles  Weir's own bundles to list too, or {@code null} to leave them out
     */
    public static String render(List<PluginInfo> plugins, List<PluginInfo> weirBundles) {
        StringBuilder out = new StringBuilder();
        section(out, "Plugins", plugins);
        if (plugins.isEmpty()) {
            out.append("  none installed: move a plugin jar into deploy/ to install it\n");
        }
        if (weirBundles != null) {
            out.append('\n');
            section(out, "Weir bundles", weirBundles);
        }
        List<PluginInfo> troubled = plugins.stream().filter(p -> !p.problems().isEmpty()).collect(Collectors.toList());
        if (weirBundles != null) {
            weirBundles.stream().filter(p -> !p.problems().isEmpty()).forEach(troubled::add);
        }
        if (!troubled.isEmpty()) {
            out.append("\nProblems:\n");
            for (PluginInfo plugin : troubled) {
                out.append("  ").append(plugin.bundle().id()).append(' ').append(plugin.bundle().symbolicName())
                        .append(' ').append(plugin.bundle().version()).append('\n');
                for (String problem : plugin.problems()) {
                    out.append("    - ").append(problem).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<PluginInfo> bundles) {
        long troubled = bundles.stream().filter(p -> !p.problems().isEmpty()).count();
        out.append(title).append(" (").append(bundles.size())
                .append(troubled == 0 ? "" : ", " + troubled + " with problems listed below").append("):\n");
        if (bundles.isEmpty()) {
            return;
        }
        TextTable table = new TextTable("ID", "BUNDLE", "VERSION", "STATE", "API IMPORTS (asks for -> wired to)");
        for (PluginInfo plugin : bundles) {
            String api = plugin.imports().stream()
                    .filter(i -> i.requested().isApi())
                    .map(i -> i.requested().packageName() + " " + VersionText.range(i.requested().range())
                            + " -> " + i.wiredText())
                    .collect(Collectors.joining(", "));
            table.row(plugin.bundle().id(), plugin.bundle().symbolicName(), plugin.bundle().version(), plugin.state(),
                    api.isEmpty() ? "(none)" : api);
        }
        out.append(table.render("  "));
    }
}
