/**
 * What a tool built on Telltale needs beside the monitor (the {@code ./telltale} command line, an
 * operations script, a backend's own tests): opening a backend's consuming side configured and
 * checked exactly as the core does it, the configuration's value syntax, the JSON the events are
 * written in, and crash snapshot files read back ({@link dev.telltale.tool.SnapshotFile}).
 * Everything here is thread-safe and stateless; nulls are not accepted unless a
 * method says so, and bad input fails with an {@link java.lang.IllegalArgumentException} naming it.
 * Nothing here is meant for an application's hot path.
 */
package dev.telltale.tool;
