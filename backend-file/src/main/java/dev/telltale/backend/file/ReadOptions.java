package dev.telltale.backend.file;

import dev.telltale.spi.BackendConfig;
import java.util.Locale;

/**
 * The subscription options of a {@link FileSource}.
 *
 * @param follow wait for new lines and follow rotation after the end
 * @param fromEnd start at the end of the current file rather than at the oldest rotated file
 */
record ReadOptions(boolean follow, boolean fromEnd) {

    /**
     * Reads {@code telltale.file.follow} and {@code telltale.file.from} from the configuration
     * {@link FileBackend#openSource} gets (the core resolved and type-checked them).
     *
     * @throws IllegalArgumentException if {@code from} is neither {@code start} nor {@code end}
     */
    static ReadOptions from(BackendConfig config) {
        String from = config.string(FileBackend.FROM.name()).toLowerCase(Locale.ROOT);
        if (!from.equals("start") && !from.equals("end")) {
            throw new IllegalArgumentException("option from must be start or end, was '"
                    + config.string(FileBackend.FROM.name()) + "'");
        }
        return new ReadOptions(config.bool(FileBackend.FOLLOW.name()), from.equals("end"));
    }
}
