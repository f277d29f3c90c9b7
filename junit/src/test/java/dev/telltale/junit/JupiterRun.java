package dev.telltale.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a fixture class (a test class that is meant to fail, or whose callbacks are to be watched)
 * through the JUnit Platform launcher and keeps each test's and container's result by display
 * name. Fixtures carry {@link FixtureOnly}, so that they run here and nowhere else.
 */
final class JupiterRun {

    private static final String KEY = "dev.telltale.junit.fixture";

    private final Map<String, TestExecutionResult> results = Collections.synchronizedMap(new LinkedHashMap<>());

    private JupiterRun() {}

    /** Runs {@code fixture}'s tests and returns their results. */
    static JupiterRun of(Class<?> fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameter(KEY, "true")
                .build();
        JupiterRun run = new JupiterRun();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                run.results.put(id.getDisplayName(), result);
            }
        });
        return run;
    }

    /** The result of the test or container shown as {@code displayName} ({@code "name()"} for a method). */
    TestExecutionResult result(String displayName) {
        TestExecutionResult result = results.get(displayName);
        if (result == null) {
            throw new AssertionError("no result for " + displayName + "; there are " + results.keySet());
        }
        return result;
    }

    /** The failure of {@code displayName}, or an {@link AssertionError} if it succeeded. */
    Throwable failure(String displayName) {
        TestExecutionResult result = result(displayName);
        Optional<Throwable> thrown = result.getThrowable();
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL || thrown.isEmpty()) {
            throw new AssertionError(displayName + " did not fail: " + result);
        }
        return thrown.get();
    }

    /** Throws the failure of {@code displayName} if it did not succeed. */
    void assertSuccessful(String displayName) {
        TestExecutionResult result = result(displayName);
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            AssertionError e = new AssertionError(displayName + " did not succeed: " + result);
            result.getThrowable().ifPresent(e::initCause);
            throw e;
        }
    }

    /** Lets a fixture class run only inside {@link JupiterRun#of}. */
    static final class FixtureOnly implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by JupiterRun")
                    : ConditionEvaluationResult.disabled("a fixture: runs only through JupiterRun");
        }
    }
}
