package dev.telltale.spi;

/**
 * Keeps passwords out of the messages a backend logs or throws: the pipeline applies it to what
 * backends report, and a backend can apply it to its own messages that name a broker's URI.
 * Stateless; never throws.
 */
public final class Redaction {

    private Redaction() {}

    /**
     * Replaces the password of every {@code scheme://user:password@host} in {@code text} by {@code
     * ****}. As a password may hold any character but white space, unescaped {@code /}, {@code @}
     * and {@code :} included, each {@code ://} is followed to the next white space, and if a {@code
     * :} comes before the last {@code @} there, everything between them is masked: it may hide more
     * than the password, never less. Null stays null.
     */
    public static String uriPasswords(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int scheme = text.indexOf("://");
        while (scheme >= 0) {
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                out.append(text, copied, colon + 1).append("****");
                copied = at;
            }
            scheme = text.indexOf("://", end);
        }
        return out.append(text, copied, text.length()).toString();
    }
}
