package io.weir.connector.blaster.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns an option text with backslash escapes into bytes. Needed because a default such as a
 * newline cannot survive the component XML (XML turns a newline in an attribute into a space), so
 * defaults are written escaped; a .cfg file has already replaced its own escapes, which leaves
 * nothing for this class to do there.
 */
final class Escapes {
    private Escapes() {
    }

    /**
     * Understands {@code \n}, {@code \r}, {@code \t}, {@code \0}, {@code \\} and {@code \xHH} (one
     * byte); everything else is taken as UTF-8 text.
     *
     * @throws IllegalArgumentException on an unknown or incomplete escape
     */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            if (i + 1 == text.length()) {
                throw new IllegalArgumentException("a lone backslash at the end of '" + text + "'");
            }
            out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
            char e = text.charAt(++i);
            switch (e) {
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case '0':
                    out.write(0);
                    break;
                case '\\':
                    out.write('\\');
                    break;
                case 'x':
                    out.write(hexByte(text, i + 1));
                    i += 2;
                    break;
                default:
                    throw new IllegalArgumentException("unknown escape \\" + e + " in '" + text
                            + "' (known: \\n \\r \\t \\0 \\\\ \\xHH)");
            }
        }
        out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static int hexByte(String text, int at) {
        if (at + 2 > text.length()) {
            throw new IllegalArgumentException("\\x needs two hex digits in '" + text + "'");
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("\\x needs two hex digits in '" + text + "'");
        }
        return high << 4 | low;
    }
}
