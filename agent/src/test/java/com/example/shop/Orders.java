package com.example.shop;

/** A sample class whose methods the agent's tests probe; uses nothing of Telltale. */
public class Orders {

    private final String shop;

    public Orders(String shop) {
        this.shop = shop;
    }

    /** An instance method with an overload. */
    public int checkout(String item, int quantity) {
        return item.length() * quantity;
    }

    public int checkout(String item) {
        return checkout(item, 1);
    }

    /** Throws when asked to. */
    public static long refund(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative refund " + cents);
        }
        return cents;
    }

    public String shop() {
        return shop;
    }
}
