package io.weir.pipeline.internal.expr;

import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.internal.Scope;
import org.apache.commons.jexl3.parser.ASTFunctionNode;
import org.apache.commons.jexl3.parser.ASTIdentifier;
import org.apache.commons.jexl3.parser.ASTJexlScript;
import org.apache.commons.jexl3.parser.JexlNode;
import org.apache.commons.jexl3.parser.JexlScriptParser;
import org.apache.commons.jexl3.parser.Parser;
import org.apache.commons.jexl3.parser.StringProvider;

/**
 * JEXL's parser, refusing function calls: with no namespaces and nothing but {@code event} and
 * {@code meta} in the context, {@code abs(x)} or a typo such as {@code sise(x)} could only fail on
 * every event (or reach a method of JEXL's arithmetic). {@code size(...)} and {@code empty(...)}
 * are operators of the language, not function calls, and stay.
 */
final class FunctionCheckingParser implements JexlScriptParser {
    private final Parser parser = new Parser(new StringProvider(";"));

    /** Thrown out of {@link #parse} for a function call; the compiler turns it into its message. */
    static final class FunctionCall extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String name;
        final int line;
        final int column;

        FunctionCall(String name, int line, int column) {
            super(name + "(...) at " + line + ":" + column, null, false, false);
            this.name = name;
            this.line = line;
            this.column = column;
        }
    }

    @Override
    public ASTJexlScript parse(JexlInfo info, JexlFeatures features, String source, Scope scope) {
        ASTJexlScript script = parser.parse(info, features, source, scope);
        refuseFunctions(script);
        return script;
    }

    private static void refuseFunctions(JexlNode node) {
        if (node instanceof ASTFunctionNode) {
            JexlNode callee = node.jjtGetNumChildren() > 0 ? node.jjtGetChild(0) : null;
            String name = callee instanceof ASTIdentifier ? functionName((ASTIdentifier) callee) : "a function";
            throw new FunctionCall(name, node.getLine(), node.getColumn());
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            refuseFunctions(node.jjtGetChild(i));
        }
    }

    private static String functionName(ASTIdentifier identifier) {
        String namespace = identifier.getNamespace();
        return namespace == null ? identifier.getName() : namespace + ":" + identifier.getName();
    }
}
