/**
 * Telltale for JUnit 5 tests: {@link dev.telltale.junit.TelltaleExtension} gives each test a
 * pipeline of its own whose events stay in memory, and {@link dev.telltale.junit.TelltaleRecorder}
 * reads them back, waits for them and cleans up after the test.
 *
 * <p>Add {@code telltale-junit} in test scope; it brings {@code telltale-core} and JUnit's API,
 * and no backend is needed beside it. Nothing here runs on an application's hot path: the
 * recorder's reads and waits block the test's thread, boundedly. Nulls are refused with a {@link
 * java.lang.NullPointerException} naming the argument.
 */
package dev.telltale.junit;
