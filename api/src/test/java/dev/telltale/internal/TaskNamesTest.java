package dev.telltale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.watch.NamedTask;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class TaskNamesTest {

    static final class Restock implements Runnable {
        @Override
        public void run() {}
    }

    record Named(String taskName) implements Runnable, NamedTask {
        @Override
        public void run() {}
    }

    record Wrapping(Object wrapped) implements TaskNames.Wrapper {}

    @Test
    void namedTask_givesItsName_trimmed() {
        assertEquals("restock", TaskNames.of(new Named("  restock "), null));
    }

    @Test
    void stringTask_aLoopsTurn_isItsOwnName_cutAt200() {
        assertEquals("render", TaskNames.of("render", null));
        assertEquals("x".repeat(200), TaskNames.of("x".repeat(300), new StackTraceElement[0]));
    }

    @Test
    void checkTurn_refusesNullAndBlank_namingWhatWasWrong() {
        assertEquals("render", TaskNames.checkTurn("render"));
        assertEquals("turn == null", assertThrows(NullPointerException.class, () -> TaskNames.checkTurn(null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskNames.checkTurn(" \t")).getMessage()
                .startsWith("blank turn name"));
    }

    @Test
    void namedTaskWithBlankName_isNamedAfterItsClass() {
        assertEquals("TaskNamesTest$Named", TaskNames.of(new Named(" "), null));
    }

    @Test
    void throwingName_isNamedAfterItsClass() {
        NamedTask broken = () -> {
            throw new IllegalStateException("no");
        };
        assertEquals("TaskNamesTest (lambda)", TaskNames.of(broken, null));
    }

    @Test
    void plainClass_isItsNameWithoutPackage() {
        assertEquals("TaskNamesTest$Restock", TaskNames.of(new Restock(), null));
    }

    @Test
    void lambdaWithoutStack_isItsHostClass() {
        Runnable r = () -> { };
        assertEquals("TaskNamesTest (lambda)", TaskNames.of(r, null));
    }

    @Test
    void wrapper_isSeenThrough() {
        assertEquals("restock", TaskNames.of(new Wrapping(new Wrapping(new Named("restock"))), null));
    }

    @Test
    void lambdaWithStack_isTheFrameAboveTheWatchedTask() {
        Runnable r = () -> { };
        StackTraceElement[] stack = {
            new StackTraceElement("java.lang.Thread", "sleep", null, -2),
            new StackTraceElement("com.example.Shop", "lambda$checkout$3", "Shop.java", 10),
            new StackTraceElement("dev.telltale.watch.WatchedRunnable", "run", "WatchedRunnable.java", 20),
            new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "runWorker", null, 1),
        };
        assertEquals("Shop.checkout (lambda)", TaskNames.of(r, stack));
    }

    @Test
    void jdkWrapperWithStack_isTheApplicationFrameAboveIt() {
        FutureTask<Void> f = new FutureTask<>(() -> null);
        StackTraceElement[] stack = {
            new StackTraceElement("com.example.Shop", "restock", "Shop.java", 10),
            new StackTraceElement("java.util.concurrent.Executors$RunnableAdapter", "call", null, 1),
            new StackTraceElement("java.util.concurrent.FutureTask", "run", null, 1),
            new StackTraceElement("dev.telltale.watch.WatchedRunnable", "run", "WatchedRunnable.java", 20),
        };
        assertEquals("Shop.restock", TaskNames.of(f, stack));
    }

    @Test
    void tracingsCarrierFrame_isSkipped_forTheApplicationFrameAboveIt() {
        Runnable r = () -> { };
        StackTraceElement[] stack = {
            new StackTraceElement("com.example.Shop", "lambda$checkout$3", "Shop.java", 10),
            new StackTraceElement("dev.telltale.trace.CarriedRunnable", "run", "CarriedRunnable.java", 20),
            new StackTraceElement("dev.telltale.watch.WatchedRunnable", "run", "WatchedRunnable.java", 20),
        };
        assertEquals("Shop.checkout (lambda)", TaskNames.of(r, stack));
    }

    @Test
    void stackWithoutTheWatchedFrame_fallsBackToTheClass() {
        Runnable r = () -> { };
        StackTraceElement[] stack = {new StackTraceElement("com.example.Shop", "restock", "Shop.java", 10)};
        assertEquals("TaskNamesTest (lambda)", TaskNames.of(r, stack));
    }

    @Test
    void nothing_isUnknown() {
        assertEquals("unknown", TaskNames.of(null, null));
    }
}
