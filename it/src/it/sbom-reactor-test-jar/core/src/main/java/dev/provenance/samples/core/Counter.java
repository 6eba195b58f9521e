package dev.provenance.samples.core;

/** Counts up from zero. */
public final class Counter {

    private int value;

    public int next() {
        return ++value;
    }
}
