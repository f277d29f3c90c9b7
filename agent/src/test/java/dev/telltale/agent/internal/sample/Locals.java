package dev.telltale.agent.internal.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Locals for the rewriter contract's null stores: references first assigned in the body, a slot
 * javac reuses for an int and then a long, a loop, and a handler's own exception local.
 */
public class Locals {

    private final String name;

    public Locals() {
        this("none");
    }

    public Locals(String raw) {
        String trimmed = raw.trim();
        this.name = trimmed;
    }

    public String name() {
        return name;
    }

    public static int order(String raw, int quantity) {
        String sku = raw.trim();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < quantity; i++) {
            items.add(sku + "#" + i);
        }
        if (quantity > 2) {
            throw new IllegalStateException("too many " + sku + ": " + items.size());
        }
        return items.size();
    }

    public static long reused(boolean fail) {
        long total = 0;
        {
            String text = "abc";
            total += text.length();
        }
        {
            int count = 7;
            total += count;
        }
        {
            long big = 1L << 40;
            total += big;
        }
        {
            Object last = Long.valueOf(total);
            if (fail) {
                throw new IllegalArgumentException("at " + last);
            }
        }
        return total;
    }

    public String caught(String s) {
        String result;
        try {
            result = String.valueOf(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            String message = e.getMessage();
            result = "bad: " + message;
        }
        if (result.isEmpty()) {
            throw new IllegalStateException();
        }
        return result;
    }
}
