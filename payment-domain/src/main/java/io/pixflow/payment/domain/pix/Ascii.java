package io.pixflow.payment.domain.pix;

import java.text.Normalizer;

/** BR Code text fields travel best as plain ASCII: older bank apps garble anything else. */
final class Ascii {

    private Ascii() {
    }

    /** "São  João\u00a0" → "Sao Joao": accents removed, other non-ASCII dropped, blanks folded, ends trimmed. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean lastWasSpace = true;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!lastWasSpace) {
                    out.append(' ');
                    lastWasSpace = true;
                }
            } else if (c > 0x20 && c < 0x7F) {
                out.append(c);
                lastWasSpace = false;
            }
        }
        return out.toString().strip();
    }

}
