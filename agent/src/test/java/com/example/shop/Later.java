package com.example.shop;

/** Loaded only when a test asks for it by name: the class a probe waits for. */
public class Later {

    public static int compute(int x) {
        return x + 1;
    }
}
