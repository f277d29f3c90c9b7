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
 * <p><b>Cost.</b> Encoding an event whose fields are a few strings, numbers and booleans in a
 * {@code Map.of} map allocates nothing but the returned array; fields in an unmodifiable {@code
 * LinkedHashMap} add 32 bytes. On the 2-core development machine it takes about 220-250 ns per
 * event ({@code CodecBenchmark} in the benchmarks module; figures in {@code
 * docs/PERFORMANCE.md}).
 */
package dev.telltale.core.internal.json;
