package dev.telltale.monitor;

/**
 * What identifies an object being collated: the host and process that own the context, and the
 * context's id (its messages' {@code source}). Two processes may use the same ids (every demo run
 * counts {@code req-1}, {@code req-2}, …; contexts may be given their own ids), so the id alone
 * would merge their objects. Its hash is computed once, when the message is decoded (on the
 * thread reading standard input), so the collator's lookups do not hash the strings again.
 * Immutable.
 */
final class ObjectKey {

    private final String host;
    private final long pid;
    private final String source;
    private final int hash;

    ObjectKey(String host, long pid, String source) {
        this.host = host;
        this.pid = pid;
        this.source = source;
        this.hash = (source.hashCode() * 31 + host.hashCode()) * 31 + Long.hashCode(pid);
    }

    String host() {
        return host;
    }

    long pid() {
        return pid;
    }

    String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectKey k && hash == k.hash && pid == k.pid && source.equals(k.source)
                && host.equals(k.host);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return source + " of " + host + ":" + pid;
    }
}
