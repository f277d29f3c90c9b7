package dev.telltale.agent.internal.sample;

/** An interface with code: a default method and a static one. */
public interface Greeter {

    String name();

    default String greet(String greeting) {
        return greeting + ", " + name();
    }

    static Greeter of(String name) {
        return () -> name;
    }
}
