package io.weir.launcher.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

public class SyncPlanTest {
    private static SystemJar jar(String name, String fingerprint) {
        return new SystemJar(Path.of("/weir/system", name), fingerprint);
    }

    @Test
    public void firstStartInstallsEverything() {
        SyncPlan plan = SyncPlan.of(List.of(jar("a.jar", "1:1"), jar("b.jar", "2:2")), Set.of(), Map.of());
        assertEquals(2, plan.install().size());
        assertTrue(plan.update().isEmpty());
        assertTrue(plan.uninstall().isEmpty());
    }

    @Test
    public void unchangedCacheNeedsNothing() {
        SyncPlan plan = SyncPlan.of(List.of(jar("a.jar", "1:1")), Set.of("weir:system/a.jar"),
                Map.of("weir:system/a.jar", "1:1"));
        assertTrue(plan.isEmpty());
    }

    @Test
    public void changedJarIsUpdatedWhicheverWayItChanged() {
        SyncPlan plan = SyncPlan.of(List.of(jar("newer.jar", "5:200"), jar("older.jar", "5:50")),
                Set.of("weir:system/newer.jar", "weir:system/older.jar"),
                Map.of("weir:system/newer.jar", "5:100", "weir:system/older.jar", "5:100"));
        assertEquals(2, plan.update().size());
        assertTrue(plan.install().isEmpty());
    }

    @Test
    public void installedJarWithoutFingerprintIsUpdated() {
        SyncPlan plan = SyncPlan.of(List.of(jar("a.jar", "1:1")), Set.of("weir:system/a.jar"), Map.of());
        assertEquals("weir:system/a.jar", plan.update().get(0).location());
    }

    @Test
    public void vanishedJarIsUninstalled() {
        SyncPlan plan = SyncPlan.of(List.of(jar("a.jar", "1:1")), Set.of("weir:system/a.jar", "weir:system/gone.jar"),
                Map.of("weir:system/a.jar", "1:1", "weir:system/gone.jar", "3:3"));
        assertEquals(List.of("weir:system/gone.jar"), plan.uninstall());
        assertTrue(plan.install().isEmpty());
        assertTrue(plan.update().isEmpty());
    }
}
