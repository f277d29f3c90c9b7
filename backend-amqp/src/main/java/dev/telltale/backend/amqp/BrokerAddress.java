package dev.telltale.backend.amqp;

import dev.telltale.spi.Redaction;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A broker's address parsed from an AMQP URI, {@code amqp://user:password@host:port/vhost} or
 * {@code amqps://...} for TLS. User name, password and virtual host are percent-decoded ({@code
 * %2F} is {@code /}). Missing parts take RabbitMQ's defaults: port 5672 (5671 for {@code amqps}),
 * user and password {@code guest}, virtual host {@code /}; an empty path also means {@code /}.
 * Query parameters are not supported: every setting has its own key.
 *
 * <p><b>The password</b> is kept out of every text this class makes: {@link #toString()} and
 * {@link #redacted()} show {@code ****} in its place, and parse errors quote the URI only with
 * everything from the first {@code :} of its user information to its last {@code @} masked (a
 * password may hold unescaped {@code /}, {@code @} and {@code :}). {@link #mask} does the same for
 * text from elsewhere (a client exception's message).
 *
 * <p>Immutable and thread-safe.
 */
final class BrokerAddress {

    static final int PORT = 5672;
    static final int TLS_PORT = 5671;
    private static final String DEFAULT_CREDENTIAL = "guest";

    private final boolean tls;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String virtualHost;

    private BrokerAddress(boolean tls, String user, String password, String host, int port, String virtualHost) {
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.virtualHost = virtualHost;
    }

    /**
     * Parses {@code text}.
     *
     * @param key the configuration key the text came from, for messages
     * @throws IllegalArgumentException if it is not an AMQP URI this backend can use; the message
     *     names {@code key} and never contains the password
     */
    static BrokerAddress parse(String key, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a valid URI (" + e.getReason() + " at index "
                    + e.getIndex() + "); expected amqp://user:password@host:port/vhost");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException(key + " must start with amqp:// or amqps://, not '" + scheme + ":'");
        }
        boolean tls = scheme.equals("amqps");
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(key + " names no host (" + redact(text) + ")");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(key + " must not have query parameters or a fragment ("
                    + redact(text) + "); use the telltale.amqp.* keys instead");
        }
        String user = DEFAULT_CREDENTIAL;
        String password = DEFAULT_CREDENTIAL;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(key, colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(key, userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath();
        String virtualHost = "/";
        if (path != null && path.indexOf('@') >= 0) {
            // amqp://user:1234/secret@host parses as host "user", port 1234 and virtual host "secret@host"
            throw new IllegalArgumentException(key + " has an @ after the host (" + redact(text)
                    + "); write / and @ in a password or virtual host as %2F and %40");
        }
        if (path != null && path.length() > 1) {
            if (path.indexOf('/', 1) >= 0) {
                throw new IllegalArgumentException(key + ": the virtual host must be one path segment ("
                        + redact(text) + "); write / as %2F");
            }
            virtualHost = decode(key, path.substring(1));
        }
        int port = uri.getPort() < 0 ? (tls ? TLS_PORT : PORT) : uri.getPort();
        return new BrokerAddress(tls, user, password, host, port, virtualHost);
    }

    private static String decode(String key, String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException(key + " has a malformed percent escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@code text}, meant as one URI but perhaps malformed, with whatever may be a password masked:
     * from the first {@code :} after the {@code ://} (or, without one, the first {@code :} at all)
     * to the last {@code @}.
     */
    private static String redact(String text) {
        String uri = text.strip();
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://");
        int colon = uri.indexOf(':', scheme >= 0 && scheme < at ? scheme + 3 : 0);
        return colon >= 0 && colon < at ? uri.substring(0, colon + 1) + "****" + uri.substring(at) : uri;
    }

    boolean tls() {
        return tls;
    }

    String user() {
        return user;
    }

    /** The password, for the client library only: never put it in a message. */
    String password() {
        return password;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String virtualHost() {
        return virtualHost;
    }

    /** The address as a URI with {@code ****} for the password, for messages. */
    String redacted() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (tls ? "amqps" : "amqp") + "://" + encode(user) + ":****@" + shownHost + ":" + port + "/"
                + encode(virtualHost);
    }

    /**
     * {@code text} with this address's password, and the password of any {@code
     * scheme://user:password@} in it, replaced by {@code ****}. Null stays null.
     */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = Redaction.uriPasswords(text);
        return password.isEmpty() ? masked : masked.replace(password, "****");
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** {@link #redacted()}. */
    @Override
    public String toString() {
        return redacted();
    }
}
