package dev.telltale.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"s3/cr3t", "s3@cr3t", "/s3@:cr3t@"})
    void describe_masksTheMessageAndTheCause(String password) {
        IOException e = new IOException("no broker at amqp://u:" + password + "@h/v",
                new IllegalStateException("tried amqps://app:" + password + "@h:5671"));
        String described = ErrorText.describe(e);
        assertFalse(described.contains("cr3t"), described);
        assertEquals("java.io.IOException: no broker at amqp://u:****@h/v (caused by java.lang.IllegalStateException: "
                + "tried amqps://app:****@h:5671)", described);
    }
}
