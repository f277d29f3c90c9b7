/**
 * The probe manager ({@code docs/SPECS.md}): {@link dev.telltale.core.internal.manage.ProbeManager}
 * reconciles a process's probes with the specs of a {@link dev.telltale.spi.SpecStore}, under a
 * {@link dev.telltale.core.internal.manage.Governance}; {@link
 * dev.telltale.core.internal.manage.ManagerLoop} runs it on its own daemon thread when {@code
 * telltale.probe.manager.store} is set; {@link dev.telltale.core.internal.manage.MemorySpecStore}
 * and {@link dev.telltale.core.internal.manage.FileSpecStore} are the core's stores.
 *
 * <p>Nothing here runs on the application's threads or on a probe's hot path: the manager only
 * attaches probes and adds and removes instruments, through {@link dev.telltale.probe.Probes},
 * from its own thread. Store failures become events and retries, never exceptions elsewhere.
 */
package dev.telltale.core.internal.manage;
