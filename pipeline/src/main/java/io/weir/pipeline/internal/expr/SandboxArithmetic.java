package io.weir.pipeline.internal.expr;

import java.math.MathContext;

import org.apache.commons.jexl3.JexlArithmetic;

/**
 * JEXL's arithmetic, with ranges limited to the elements a result may have: a range is lazy, but
 * whatever copies it (a result, a method taking a collection) would hold all of its elements.
 * Only evaluating a range ({@code a..b}) costs the check.
 */
final class SandboxArithmetic extends JexlArithmetic {
    SandboxArithmetic(boolean strict) {
        super(strict);
    }

    private SandboxArithmetic(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new SandboxArithmetic(strict, context, scale);
    }

    @Override
    public Iterable<?> createRange(Object from, Object to) throws ArithmeticException {
        long low = toLong(from);
        long high = toLong(to);
        // In double, as high - low may not fit a long; exact enough to compare with a million.
        double elements = Math.abs((double) high - (double) low) + 1;
        if (elements > PlainData.MAX_ELEMENTS) {
            throw new RangeTooLarge("the range " + low + ".." + high + " has more than "
                    + PlainData.MAX_ELEMENTS + " elements");
        }
        return super.createRange(from, to);
    }

    /** A range over the limit; JEXL reports it as ".. error", so the message is taken from here. */
    static final class RangeTooLarge extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        RangeTooLarge(String message) {
            super(message);
        }
    }
}
