package com.example.shop;

/** An interface whose abstract method cannot be probed. */
public interface Pricing {

    long price(String item);
}
