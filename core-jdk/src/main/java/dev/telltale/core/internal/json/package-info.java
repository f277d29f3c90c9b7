/**
 * Telltale's JSON codec, written by hand because {@code telltale-core} depends on nothing but the
 * JDK: {@link dev.telltale.core.internal.json.JsonWriter} (any object to bounded, always valid
 * JSON), {@link dev.telltale.core.internal.json.JsonReader} (strict RFC 8259), {@link
 * dev.telltale.core.internal.json.JsonPrinter} (indented output for people) and {@link
 * dev.telltale.core.internal.json.EventCodec} (the wire form of an {@link dev.telltale.Event}).
 *
 * <p><b>Not exported.</b> Other packages of the core and Telltale's own tools use these types;
 * applications never see them, so they may change without notice.
 *
 * <p><b>Nulls.</b> Values may be null anywhere (they are JSON {@code null}); arguments that are
 * not values (limits, writers, input text and arrays) must not be, and are checked at once.
 *
 * <p><b>Failures.</b> Encoding never throws because of the data: every call into an object's own
 * code ({@code toString()}, iterators, record accessors) is guarded, and what fails is written as
 * a marker. Only {@link VirtualMachineError} and {@link LinkageError} propagate. Decoding throws
 * {@link IllegalArgumentException} ({@link dev.telltale.core.internal.json.JsonException} for
 * text that is not JSON) naming what is wrong and where.
 *
 * <p><b>Threads.</b> Writers and event codecs hold reusable buffers: one per thread (the publisher
 * thread). Reader and printer methods are static and thread-safe.
 *
 * <p><b>Hot path.</b> Encoding an event whose fields are a few strings, integers and booleans in
 * a {@code Map.of} map allocates nothing but the returned array (measured with {@code
 * ThreadMXBean}: 240 bytes for a 218-byte event); fields in other maps add the allocations of
 * their iterators and entries (104 bytes for three fields in an unmodifiable {@code
 * LinkedHashMap}). On the 2-core development machine it takes about 220 ns per event.
 */
package dev.telltale.core.internal.json;
