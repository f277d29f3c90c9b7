package dev.telltale.watch;

/**
 * A task that says its own name in slow-task reports. {@link Watches#named} makes one; a wrapper
 * of the application's own (one that carries a context or a trace to the worker, say) implements
 * it to pass its inner task's name through, which otherwise would be the wrapper's.
 *
 * <p>Called on Telltale's watcher thread, only for slow tasks; must not block. What it throws is
 * ignored and the name derived as for any task.
 */
public interface NamedTask {

    /** The task's name; null or blank to let Telltale derive one. */
    String taskName();
}
