package com.example.crash;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM's application in the agent's snapshot tests: no Telltale on its class path. Prints
 * {@code ready <pid>}; on {@code crash} it calls {@link Checkout#pay} once, which throws, and
 * prints {@code caught <message>}; {@code quit} (or the end of stdin) ends it.
 */
public final class CrashApp {

    private CrashApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("quit")) {
                break;
            }
            if (line.equals("crash")) {
                int order = 7;
                try {
                    new Checkout("north").pay("ada", 3);
                    System.out.println("no exception");
                } catch (IllegalStateException e) {
                    System.out.println("caught " + e.getMessage() + " in order " + order);
                }
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
