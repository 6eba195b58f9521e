package dev.provenance.samples.core;

/** Test fixtures that core shares with other modules through its tests jar. */
public final class CounterFixtures {

    private CounterFixtures() {}

    public static Counter advancedTo(int value) {
        Counter counter = new Counter();
        for (int i = 0; i < value; i++) {
            counter.next();
        }
        return counter;
    }
}
