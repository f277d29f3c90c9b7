package dev.telltale.monitor;

/**
 * What identifies an object being collated: the host and process that own the context, and the
 * context's id (its messages' {@code source}). Two processes may use the same ids (every demo run
 * counts {@code req-1}, {@code req-2}, …; contexts may be given their own ids), so the id alone
 * would merge their objects. Immutable.
 */
record ObjectKey(String host, long pid, String source) {
}
