package com.example.agentsample;

/** A class outside Telltale's packages whose methods the core's agent-probe tests name. */
public class Shop {

    public int buy(String item) {
        return item.length();
    }

    public int buy(String item, int n) {
        return item.length() * n;
    }

    public static native long stamp();
}
