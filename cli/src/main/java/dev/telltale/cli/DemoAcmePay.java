package dev.telltale.cli;

import java.net.SocketTimeoutException;
import java.util.SplittableRandom;

/**
 * The demo's simulated payment gateway: 2% of charges time out, 4% of the rest are declined, an
 * authorisation takes 40 to 160 (simulated) milliseconds. The outcome is drawn from a generator
 * seeded by the charge itself, so the same charge always ends the same way; nothing sleeps.
 * Thread-safe (it holds no state).
 */
final class DemoAcmePay implements DemoPayments {

    @Override
    public Receipt charge(Charge charge) throws SocketTimeoutException {
        SplittableRandom random = new SplittableRandom(31L * charge.reference().hashCode() + Double.hashCode(charge.total()));
        if (random.nextInt(100) < 2) {
            throw new SocketTimeoutException("acmepay did not answer within 3000 ms");
        }
        double authMs = 40 + random.nextDouble() * 120;
        boolean declined = random.nextInt(100) < 4;
        return new Receipt(declined ? "declined" : "authorized", Math.round(authMs * 100) / 100.0);
    }
}
