package io.weir.api.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * Catches what bnd 7.3.0's baseline lets through: an abstract method added to a
 * {@code @ConsumerType} interface that also has default methods. bnd's {@code JavaElement} lowers
 * the delta of every method it visits after a default method to MINOR (a variable shared across its
 * loop), so such an addition asks only for a minor bump, yet every plugin that implements the
 * interface breaks with {@link AbstractMethodError}. Here an added abstract method of a consumer
 * interface requires a new major version of its package, as the OSGi semantic versioning rules say.
 */
final class ConsumerTypeGuard {
    private static final String PROVIDER_TYPE = "org.osgi.annotation.versioning.ProviderType";

    private ConsumerTypeGuard() {
    }

    /**
     * @param newer the bundle just built
     * @param older the released bundle
     * @return one message per added abstract method of a consumer interface whose package keeps its
     *         major version; empty when there is none
     */
    static List<String> violations(Jar newer, Jar older) throws Exception {
        DiffPluginImpl differ = new DiffPluginImpl();
        Diff api = differ.tree(newer).diff(differ.tree(older)).get("<api>");
        Parameters newExports = exports(newer);
        Parameters oldExports = exports(older);
        List<String> violations = new ArrayList<>();
        for (Diff pkg : api.getChildren()) {
            if (pkg.getType() != Type.PACKAGE || pkg.getDelta() == Delta.ADDED || pkg.getDelta() == Delta.REMOVED) {
                continue;
            }
            Version newVersion = version(newExports.get(pkg.getName()));
            Version oldVersion = version(oldExports.get(pkg.getName()));
            if (newVersion.getMajor() > oldVersion.getMajor()) {
                continue;
            }
            for (Diff type : pkg.getChildren()) {
                if (type.getType() != Type.INTERFACE || type.getDelta() == Delta.ADDED || isProviderType(type.getNewer())) {
                    continue;
                }
                for (Diff member : type.getChildren()) {
                    if (member.getType() == Type.METHOD && member.getDelta() == Delta.ADDED
                            && isAbstract(member.getNewer())) {
                        violations.add(pkg.getName() + ": abstract method " + member.getName()
                                + " added to consumer interface " + type.getName() + " needs version "
                                + (oldVersion.getMajor() + 1) + ".0.0, not " + newVersion
                                + " (or make it a default method, or the interface @ProviderType)");
                    }
                }
            }
        }
        return violations;
    }

    private static boolean isProviderType(Tree type) {
        for (Tree child : type.getChildren()) {
            if (child.getType() == Type.ANNOTATED && PROVIDER_TYPE.equals(child.getName())) {
                return true;
            }
        }
        return false; // unannotated interfaces are consumer types for bnd too
    }

    private static boolean isAbstract(Tree method) {
        boolean isAbstract = false;
        for (Tree child : method.getChildren()) {
            if (child.getType() == Type.ACCESS && "abstract".equals(child.getName())) {
                isAbstract = true;
            }
            if (child.getType() == Type.ACCESS && "static".equals(child.getName())) {
                return false;
            }
        }
        return isAbstract;
    }

    private static Parameters exports(Jar jar) throws Exception {
        return OSGiHeader.parseHeader(jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
    }

    private static Version version(Map<String, String> attrs) {
        return attrs == null ? Version.LOWEST : Version.parseVersion(attrs.get(Constants.VERSION_ATTRIBUTE));
    }
}
