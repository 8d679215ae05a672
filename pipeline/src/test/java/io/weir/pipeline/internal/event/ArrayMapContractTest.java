package io.weir.pipeline.internal.event;

import java.util.Map;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;

import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * {@link ArrayMap} against the whole {@link Map} contract, with Guava's testlib: every method, the views, their
 * iterators, nulls, order, fail-fast iteration and serialization. Run twice: as built by {@code put}, and as a
 * decoder builds it, on a key array shared with an earlier map, which must behave the same.
 */
public class ArrayMapContractTest {
    public static Test suite() {
        TestSuite suite = new TestSuite("ArrayMap");
        suite.addTest(contract("ArrayMap built by put", false));
        suite.addTest(contract("ArrayMap built on shared keys", true));
        return suite;
    }

    private static Test contract(String name, boolean sharedKeys) {
        return MapTestSuiteBuilder.using(new TestStringMapGenerator() {
            @Override
            protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                if (!sharedKeys) {
                    ArrayMap<String, String> map = new ArrayMap<>();
                    for (Map.Entry<String, String> e : entries) {
                        map.put(e.getKey(), e.getValue());
                    }
                    return map;
                }
                // An earlier map with the same members lends its keys; the new one takes them by putNext.
                ArrayMap<String, String> earlier = new ArrayMap<>();
                for (Map.Entry<String, String> e : entries) {
                    earlier.put(e.getKey(), "earlier");
                }
                ArrayMap<String, String> map = ArrayMap.sharingKeys(earlier.shareKeys());
                for (Map.Entry<String, String> e : entries) {
                    map.putNext(e.getKey(), e.getValue());
                }
                return map;
            }
        }).named(name)
                .withFeatures(MapFeature.GENERAL_PURPOSE, MapFeature.ALLOWS_NULL_KEYS, MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_ANY_NULL_QUERIES, MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE, CollectionFeature.KNOWN_ORDER,
                        CollectionFeature.SERIALIZABLE, CollectionSize.ANY)
                .createTestSuite();
    }
}
