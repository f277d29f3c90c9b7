package com.example.crash;

import java.util.List;

/**
 * The method the snapshot tests probe by name: {@link #pay} sets a few locals, then the call it
 * makes throws, so the exception leaves {@code pay} with its locals alive.
 */
public final class Checkout {

    private final String shop;

    public Checkout(String shop) {
        this.shop = shop;
    }

    public int pay(String customer, int quantity) {
        String sku = "SKU-" + quantity;
        long cents = quantity * 1250L;
        String apiToken = "tok-" + shop;
        List<String> items = List.of("apple", "pear");
        return charge(customer, cents + apiToken.length() + items.size() + sku.length());
    }

    private int charge(String customer, long cents) {
        throw new IllegalStateException("card declined for " + customer + " (" + cents + " cents)");
    }
}
