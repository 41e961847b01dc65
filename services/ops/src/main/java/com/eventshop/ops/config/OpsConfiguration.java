package com.eventshop.ops.config;

import com.eventshop.ops.api.BreakerRelay;
import com.eventshop.ops.api.ServiceHealthChecker;
import com.eventshop.ops.kafka.EventFeed;
import com.eventshop.ops.kafka.TopicSampler;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires ops: the Kafka watchers (sampler, feed), the health checker and the breaker relay. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService opsScheduler() {
        return Executors.newScheduledThreadPool(1, r -> {
            Thread thread = new Thread(r, "ops-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean(destroyMethod = "close")
    TopicSampler topicSampler(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                              OpsProperties properties, Clock clock, ScheduledExecutorService opsScheduler) {
        TopicSampler sampler = new TopicSampler(Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "eventshop-ops-admin")), properties.rateWindow(), clock);
        long every = properties.sampleInterval().toMillis();
        opsScheduler.scheduleWithFixedDelay(sampler::sample, 0, every, TimeUnit.MILLISECONDS);
        return sampler;
    }

    @Bean(destroyMethod = "close")
    EventFeed eventFeed(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, OpsProperties properties) {
        EventFeed feed = new EventFeed(bootstrapServers, properties.feedSize(), properties.emailsSize());
        feed.start();
        return feed;
    }

    @Bean
    ServiceHealthChecker serviceHealthChecker(OpsProperties properties, Clock clock) {
        return new ServiceHealthChecker(properties.services(), properties.healthTimeout(), clock);
    }

    @Bean
    BreakerRelay breakerRelay(OpsProperties properties) {
        return new BreakerRelay(properties.gateway(), properties.breakersPath(), properties.healthTimeout());
    }
}
