package io.github.asyncioworkbook.site.render;

/**
 * HTML escaping. Every character that could start markup is escaped, so captured output such as
 * {@code <Task pending ...>} is shown, never interpreted.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for element content and quoted attribute values.
     *
     * <p>{@code & < > " '} become character references. C0 control characters other than tab and
     * newline (which cannot appear in HTML text) become their visible Unicode "control picture"
     * (ESC becomes U+241B); a lone carriage return likewise, and CR LF becomes LF.
     *
     * @param text any text
     * @return the escaped text
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n', '\t' -> sb.append(c);
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        sb.append('\u240D');
                    }
                }
                default -> {
                    if (c < 0x20) {
                        sb.append((char) (0x2400 + c));
                    } else if (c == 0x7F) {
                        sb.append('\u2421');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
