package dev.telltale.cli;

import java.net.SocketTimeoutException;

/**
 * The demo shop's payment gateway, as the shop sees it. An interface so that the demo can wrap
 * the gateway with {@code Probes.proxy} and attach a probe on {@code charge} while it runs (see
 * {@link DemoProbes}); {@link DemoAcmePay} is the simulated one.
 */
public interface DemoPayments {

    /**
     * Charges an order; called by the shop's workers at once.
     *
     * @throws SocketTimeoutException when the gateway does not answer
     */
    Receipt charge(Charge charge) throws SocketTimeoutException;

    /**
     * One charge.
     *
     * @param reference the request it pays for ({@code req-N})
     * @param customer the customer's id
     * @param total the amount
     * @param currency its currency
     */
    record Charge(String reference, String customer, double total, String currency) {}

    /**
     * The gateway's answer.
     *
     * @param status {@code authorized} or {@code declined}
     * @param authMs how long the authorisation took, in (simulated) milliseconds
     */
    record Receipt(String status, double authMs) {

        /** Whether the charge was declined. */
        public boolean declined() {
            return status.equals("declined");
        }
    }
}
