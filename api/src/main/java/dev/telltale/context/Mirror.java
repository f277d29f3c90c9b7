package dev.telltale.context;

import dev.telltale.internal.Fatal;

/**
 * Where a context mirrors its changes as plain log lines ({@code name id: x = 1, y = 2}); works
 * with no backend at all. Never throws: what the application's logger throws is dropped (the
 * change itself is still published).
 */
interface Mirror {

    /** Logs one line at INFO. */
    void info(String line);

    /** Logs one line of {@code ctx.log()} at its own level. */
    void log(System.Logger.Level level, String line, Throwable thrown);

    static Mirror of(System.Logger logger) {
        return new Mirror() {
            @Override
            public void info(String line) {
                try {
                    logger.log(System.Logger.Level.INFO, line);
                } catch (Throwable t) {
                    Fatal.propagateIfFatal(t);
                }
            }

            @Override
            public void log(System.Logger.Level level, String line, Throwable thrown) {
                try {
                    if (thrown == null) {
                        logger.log(level, line);
                    } else {
                        logger.log(level, line, thrown);
                    }
                } catch (Throwable t) {
                    Fatal.propagateIfFatal(t);
                }
            }
        };
    }

    /** A mirror into java.util.logging; only this method touches that module. */
    static Mirror of(java.util.logging.Logger logger) {
        return new Mirror() {
            @Override
            public void info(String line) {
                try {
                    logger.log(java.util.logging.Level.INFO, line);
                } catch (Throwable t) {
                    Fatal.propagateIfFatal(t);
                }
            }

            @Override
            public void log(System.Logger.Level level, String line, Throwable thrown) {
                java.util.logging.Level jul = switch (level) {
                    case ALL, TRACE -> java.util.logging.Level.FINER;
                    case DEBUG -> java.util.logging.Level.FINE;
                    case INFO -> java.util.logging.Level.INFO;
                    case WARNING -> java.util.logging.Level.WARNING;
                    case ERROR -> java.util.logging.Level.SEVERE;
                    case OFF -> java.util.logging.Level.OFF;
                };
                try {
                    logger.log(jul, line, thrown);
                } catch (Throwable t) {
                    Fatal.propagateIfFatal(t);
                }
            }
        };
    }
}
