package io.weir.runtime.internal.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.weir.api.codec.Codec;
import io.weir.api.operator.OperatorFactory;
import io.weir.runtime.internal.config.PipelineSpec;
import io.weir.runtime.internal.manager.ManagerOptions;
import io.weir.runtime.internal.manager.ProcessorStep;

/** The codecs, processor factories and operator factories registered, by name, and the lookups flows make. */
final class Plugins {
    private final Map<PluginKind, Registry<Object>> registries = new EnumMap<>(PluginKind.class);

    Plugins() {
        for (PluginKind kind : PluginKind.values()) {
            registries.put(kind, new Registry<>());
        }
    }

    void add(PluginKind kind, Registry.Entry<Object> entry) {
        registries.get(kind).put(entry);
    }

    boolean remove(PluginKind kind, long id) {
        return registries.get(kind).remove(id);
    }

    /** @return the entry registered with this service id, or {@code null} */
    Registry.Entry<Object> entry(PluginKind kind, long id) {
        for (Registry.Entry<Object> entry : registries.get(kind).all()) {
            if (entry.id() == id) {
                return entry;
            }
        }
        return null;
    }

    /** @return the bundles the services come from, {@code symbolic-name version}, joined; for swap records */
    String bundles(PluginKind kind, java.util.Collection<?> services) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Registry.Entry<Object> entry : registries.get(kind).all()) {
            for (Object service : services) {
                if (entry.service() == service) {
                    names.add(entry.bundle());
                }
            }
        }
        return String.join(", ", names);
    }

    /**
     * @return the codec the options name, null when none is named or it is missing (then the problem says so)
     */
    Codec codec(ManagerOptions options, Problem problem) {
        if (options.codec() == null) {
            return null;
        }
        Codec codec = (Codec) registries.get(PluginKind.CODEC).get(options.codec());
        if (codec == null) {
            problem.waiting("waits for codec '" + options.codec() + "'");
        }
        return codec;
    }

    /** @return the processor chain the options name; missing processors are noted in the problem */
    List<ProcessorStep> steps(PluginKind kind, ManagerOptions options, Problem problem) {
        List<ProcessorStep> steps = new ArrayList<>();
        for (ManagerOptions.ProcessorOption processor : options.processors()) {
            Object factory = registries.get(kind).get(processor.name());
            if (factory == null) {
                problem.waiting("waits for " + kind.word() + " '" + processor.name() + "'");
            } else {
                steps.add(new ProcessorStep(processor.name(), factory, processor.options()));
            }
        }
        return steps;
    }

    /** @return operator type to factory for every node of the pipeline; missing types are noted in the problem */
    Map<String, OperatorFactory> operators(PipelineSpec spec, Problem problem) {
        Map<String, OperatorFactory> factories = new TreeMap<>();
        for (Map.Entry<String, String> nodeType : spec.operatorTypes().entrySet()) {
            Object factory = registries.get(PluginKind.OPERATOR).get(nodeType.getValue());
            if (factory == null) {
                problem.waiting("waits for operator type '" + nodeType.getValue() + "' (node '" + nodeType.getKey()
                        + "')");
            } else {
                factories.put(nodeType.getValue(), (OperatorFactory) factory);
            }
        }
        return factories;
    }

    /** @return whether every factory is still the one registered under its type */
    boolean stillRegistered(Map<String, OperatorFactory> factories) {
        Registry<Object> operators = registries.get(PluginKind.OPERATOR);
        for (Map.Entry<String, OperatorFactory> e : factories.entrySet()) {
            if (operators.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the bundle a registered codec, processor or operator factory comes from, {@code symbolic-name
     *         version}; {@code null} when the service is not (or no longer) registered
     */
    String bundleOf(Object service) {
        for (Registry<Object> registry : registries.values()) {
            for (Registry.Entry<Object> entry : registry.all()) {
                if (entry.service() == service) {
                    return entry.bundle();
                }
            }
        }
        return null;
    }

    /** @return per kind, {@code name (bundle)} of every service, marking those a same-named one shadows */
    Map<PluginKind, List<String>> names() {
        Map<PluginKind, List<String>> names = new EnumMap<>(PluginKind.class);
        registries.forEach((kind, registry) -> {
            List<String> list = new ArrayList<>();
            for (Registry.Entry<Object> entry : registry.all()) {
                boolean used = registry.best(entry.name()).id() == entry.id();
                list.add(entry.name() + " (" + entry.bundle() + (used ? "" : ", shadowed") + ")");
            }
            names.put(kind, list);
        });
        return names;
    }
}
