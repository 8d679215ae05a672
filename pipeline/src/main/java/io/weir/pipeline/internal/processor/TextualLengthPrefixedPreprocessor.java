package io.weir.pipeline.internal.processor;

import io.weir.api.processor.ProcessorException;

/**
 * Splits a stream of records each preceded by its length in ASCII decimal digits and a space
 * ({@code 5 hello}), the octet counting of RFC 5425 and RFC 6587. A record announced longer than
 * {@code maxLength} is skipped and reported once. A malformed prefix cannot be resynchronised
 * within the buffer, so the rest of that buffer is dropped with the report and the next buffer
 * is read as starting with a prefix.
 */
final class TextualLengthPrefixedPreprocessor extends LengthPrefixedSplitter {
    /** More digits than this cannot be a sane length (and would overflow a long). */
    private static final int MAX_DIGITS = 18;

    private int digits;
    private long prefix;

    TextualLengthPrefixedPreprocessor(int maxLength) {
        super("textual-length-prefixed", maxLength);
    }

    @Override
    long prefixByte(byte b) throws ProcessorException {
        if (b >= '0' && b <= '9' && digits < MAX_DIGITS) {
            prefix = prefix * 10 + (b - '0');
            digits++;
            return -1;
        }
        if (b != ' ' || digits == 0) {
            throw new ProcessorException("textual-length-prefixed: expected a decimal length followed by a space, got "
                    + describe(b) + "; dropped the rest of this input");
        }
        return prefix;
    }

    private String describe(byte b) {
        if (digits >= MAX_DIGITS) {
            return "more than " + MAX_DIGITS + " digits";
        }
        if (b == ' ') {
            return "a space before any digit";
        }
        return b >= 0x21 && b <= 0x7E ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xFF);
    }

    @Override
    boolean prefixStarted() {
        return digits > 0;
    }

    @Override
    String inPrefix() {
        return "inside a length prefix";
    }

    @Override
    void resetPrefix() {
        digits = 0;
        prefix = 0;
    }

    @Override
    void unreadPrefix(ByteBuilder to, boolean complete) {
        // Leading zeros were read as digits too: write as many digits as were read.
        String number = Long.toString(prefix);
        for (int i = number.length(); i < digits; i++) {
            to.append((byte) '0');
        }
        for (int i = 0; i < number.length() && digits > 0; i++) {
            to.append((byte) number.charAt(i));
        }
        if (complete) {
            to.append((byte) ' ');
        }
    }
}
