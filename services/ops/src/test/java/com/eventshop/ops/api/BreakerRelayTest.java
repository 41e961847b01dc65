package com.eventshop.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BreakerRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheGatewayStatus() {
        var breakers = BreakerRelay.parse(JSON.readTree("""
                {"capabilities":{"order":"degraded"},"services":{
                  "orders":{"capability":"order","breaker":"OPEN","readyInstances":0,"instances":1},
                  "catalog":{"capability":"browse","breaker":"CLOSED","readyInstances":1,"instances":1}}}"""));
        assertThat(breakers).containsExactly(new BreakerRelay.Breaker("orders", "OPEN", null),
                new BreakerRelay.Breaker("catalog", "CLOSED", null));
    }

    @Test
    void readsResilience4jActuatorShape() {
        var breakers = BreakerRelay.parse(JSON.readTree("""
                {"circuitBreakers":{"orders":{"state":"HALF_OPEN","failureRate":"62.5%"}}}"""));
        assertThat(breakers).containsExactly(new BreakerRelay.Breaker("orders", "HALF_OPEN", 62.5));
    }
}
