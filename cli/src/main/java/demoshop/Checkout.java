package demoshop;

import java.util.List;
import java.util.Map;

/**
 * The demo shop's checkout arithmetic. It sits outside {@code dev.telltale.*} because the agent
 * does not rewrite Telltale's own classes: {@code ./telltale demo} attaches a timer to {@link
 * #total} by its name, {@code "demoshop.Checkout#total"}, through the agent, as an application
 * would to one of its methods.
 */
public final class Checkout {

    private Checkout() {}

    /** The total of an order's lines, each a map with a {@code qty} and a {@code price}. */
    public static double total(List<Map<String, Object>> items) {
        double total = 0;
        for (Map<String, Object> item : items) {
            total += ((Number) item.get("qty")).intValue() * ((Number) item.get("price")).doubleValue();
        }
        return total;
    }
}
