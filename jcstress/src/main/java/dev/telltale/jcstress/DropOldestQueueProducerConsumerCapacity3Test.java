package dev.telltale.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/** {@link QueueRace} at capacity 3: a producer races a consumer. */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "every element consumed or dropped once, in order, counted")
@Outcome(id = "2", expect = FORBIDDEN, desc = "an element consumed twice")
@Outcome(id = "3", expect = FORBIDDEN, desc = "a producer's elements out of order")
@Outcome(id = "4", expect = FORBIDDEN, desc = "consumed + dropped != offered, or offer's count wrong")
@Outcome(id = "5", expect = FORBIDDEN, desc = "bytes or size not zero once empty")
@State
public class DropOldestQueueProducerConsumerCapacity3Test {

    private final QueueRace race = new QueueRace(3);

    @Actor
    public void producer1() {
        race.producer1(true);
    }

    @Actor
    public void consumer() {
        race.consumer();
    }

    @Arbiter
    public void check(I_Result r) {
        r.r1 = race.check(3);
    }
}
