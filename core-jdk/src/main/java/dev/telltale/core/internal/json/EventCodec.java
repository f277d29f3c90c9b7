package dev.telltale.core.internal.json;

import dev.telltale.Event;
import java.nio.charset.StandardCharsets;

/** STUB until the codec lands. */
public final class EventCodec {
    private final JsonLimits limits;
    public EventCodec(JsonLimits limits) { this.limits = limits; }
    public byte[] encode(Event e) {
        return ("{\"kind\":\"" + e.kind() + "\",\"routingKey\":\"" + e.routingKey() + "\",\"source\":\"" + e.source()
                + "\",\"seq\":" + e.seq() + ",\"fields\":" + JsonWriter.toJson(e.fields(), limits) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
