package dev.telltale.context;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps the lines it is given, for mirror tests. */
class LineLogger implements System.Logger {

    private final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
        return "lines";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        line(msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        line(format);
    }

    /** Called for every line; a subclass may block here. */
    void line(String line) {
        synchronized (lines) {
            lines.add(line);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
