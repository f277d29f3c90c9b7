package dev.telltale.probe;

/**
 * Makes custom {@link Instrument}s of one type name, so specs (in code or from the probe store)
 * can name it: {@code InstrumentSpec.builder("my-type", "name")}. Register one with {@link
 * Probes#register}, or list it as a {@link java.util.ServiceLoader} provider ({@code provides
 * dev.telltale.probe.InstrumentFactory with ...} and {@code META-INF/services}).
 */
public interface InstrumentFactory {

    /** The type name specs use; not one of the built-in {@code log}, {@code counter}, {@code histogram}, {@code timer}. */
    String type();

    /**
     * A new instrument for {@code spec}. Called when the instrument is added.
     *
     * @throws IllegalArgumentException if the spec's options do not suit this type; the add fails with it
     */
    Instrument create(InstrumentSpec spec);
}
