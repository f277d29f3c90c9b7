package com.example.agentsample;

/** A class with an abstract method, which no probe can serve. */
public abstract class Base {

    public abstract void run();
}
