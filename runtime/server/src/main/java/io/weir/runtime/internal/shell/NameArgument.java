package io.weir.runtime.internal.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.felix.service.command.Parameter;

/**
 * Refuses an option where a command expects a name. Gogo passes an argument that is none of a command's
 * options on as the next positional one, so {@code weir:leaks -x} would otherwise look for a bundle named
 * {@code -x}. A flow's or node's name cannot start with {@code -}; where a name given may (an invalid flow's,
 * a jar file's), the caller checks only once it named nothing.
 */
final class NameArgument {

    private NameArgument() {
    }

    /**
     * @param value    the argument given as a name
     * @param commands the class of the command
     * @param function the command's function name
     * @return the value, when it is no option
     * @throws WrongArgumentsException naming the command's options, when it looks like one
     */
    static String check(String value, Class<?> commands, String function) {
        if (value != null && value.strip().startsWith("-")) {
            throw new WrongArgumentsException("unknown option '" + value.strip() + "'; " + options(commands, function));
        }
        return value;
    }

    /** Read from the {@link Parameter} annotations, so the message follows the command's declaration. */
    static String options(Class<?> commands, String function) {
        Set<String> options = new LinkedHashSet<>();
        Arrays.stream(commands.getMethods())
                .filter(m -> m.getName().equals(function))
                .sorted(Comparator.comparingInt(Method::getParameterCount))
                .forEach(m -> {
                    for (Annotation[] annotations : m.getParameterAnnotations()) {
                        for (Annotation a : annotations) {
                            if (a instanceof Parameter p) {
                                options.add(String.join("/", p.names()));
                            }
                        }
                    }
                });
        return options.isEmpty() ? "weir:" + function + " has no options"
                : "the options of weir:" + function + " are " + String.join(", ", options);
    }
}
