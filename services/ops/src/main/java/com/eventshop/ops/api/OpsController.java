package com.eventshop.ops.api;

import com.eventshop.ops.domain.EmailSent;
import com.eventshop.ops.domain.EventSummary;
import com.eventshop.ops.domain.ServiceHealth;
import com.eventshop.ops.kafka.EventFeed;
import com.eventshop.ops.kafka.TopicSampler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** What the operations console reads: health, topic figures, live events, emails, breakers. */
@RestController
@RequestMapping("/api/ops")
@Tag(name = "ops", description = "The operations console's data")
public class OpsController {

    public record ServicesAnswer(List<ServiceHealth> services, long up, long total) {
    }

    public record EmailsAnswer(List<EmailSent> emails, String source, String note) {
    }

    private final ServiceHealthChecker health;
    private final TopicSampler sampler;
    private final EventFeed feed;
    private final BreakerRelay breakers;
    private final ScheduledExecutorService heartbeats;

    public OpsController(ServiceHealthChecker health, TopicSampler sampler, EventFeed feed, BreakerRelay breakers,
                         ScheduledExecutorService opsScheduler) {
        this.health = health;
        this.sampler = sampler;
        this.feed = feed;
        this.breakers = breakers;
        this.heartbeats = opsScheduler;
    }

    @Operation(summary = "Every service's health", description = "Asks each configured service's actuator health now.")
    @GetMapping(value = "/services", produces = MediaType.APPLICATION_JSON_VALUE)
    public ServicesAnswer services() {
        List<ServiceHealth> all = health.checkAll();
        return new ServicesAnswer(all, all.stream().filter(ServiceHealth::up).count(), all.size());
    }

    @Operation(summary = "Per-topic event rates and consumer lag",
            description = "From the latest sample of end offsets and consumer-group offsets (Kafka Admin API).")
    @GetMapping(value = "/topics", produces = MediaType.APPLICATION_JSON_VALUE)
    public TopicSampler.Snapshot topics() {
        return sampler.snapshot();
    }

    @Operation(summary = "The newest events, newest first")
    @GetMapping(value = "/events/recent", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<EventSummary> recentEvents(@RequestParam(defaultValue = "50") int limit) {
        return feed.recentEvents(Math.max(1, Math.min(limit, 500)));
    }

    @Operation(summary = "Live feed of events (Server-Sent Events)",
            description = "Event 'event' per record written to a catalogued topic, decoded and summarised; "
                    + "the last 'replay' events first (oldest first).")
    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@RequestParam(defaultValue = "20") int replay) {
        SseEmitter emitter = new SseEmitter(0L);
        // One sender per console: a slow browser delays only itself, never the feed.
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "ops-sse"));
        Runnable[] unsubscribe = new Runnable[1];
        ScheduledFuture<?>[] heartbeat = new ScheduledFuture<?>[1];
        Runnable close = () -> {
            if (unsubscribe[0] != null) {
                unsubscribe[0].run();
            }
            if (heartbeat[0] != null) {
                heartbeat[0].cancel(false);
            }
            sender.shutdownNow();
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        List<EventSummary> recent = feed.recentEvents(Math.max(0, Math.min(replay, 200)));
        for (int i = recent.size() - 1; i >= 0; i--) {
            EventSummary event = recent.get(i);
            submit(sender, () -> send(emitter, event, close));
        }
        unsubscribe[0] = feed.subscribe(event -> submit(sender, () -> send(emitter, event, close)));
        heartbeat[0] = heartbeats.scheduleAtFixedRate(() -> submit(sender, () -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                close.run();
            }
        }), 15, 15, TimeUnit.SECONDS);
        return emitter;
    }

    private static void submit(ExecutorService sender, Runnable task) {
        try {
            sender.execute(task);
        } catch (RejectedExecutionException e) {
            // the console went away
        }
    }

    private static void send(SseEmitter emitter, EventSummary event, Runnable close) {
        try {
            emitter.send(SseEmitter.event().name("event").id(event.topic() + "/" + event.partition() + "/" + event.offset())
                    .data(event, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            close.run();
        }
    }

    @Operation(summary = "Recent emails", description = "From the notifications.sent topic, newest first.")
    @GetMapping(value = "/emails", produces = MediaType.APPLICATION_JSON_VALUE)
    public EmailsAnswer emails(@RequestParam(defaultValue = "20") int limit) {
        if (!EventFeed.emailsTopicKnown()) {
            return new EmailsAnswer(List.of(), null,
                    "Emails are listed once the notifications service publishes notifications.sent.");
        }
        List<EmailSent> emails = feed.recentEmails(Math.max(1, Math.min(limit, 100)));
        return new EmailsAnswer(emails, EventFeed.EMAILS_TOPIC, emails.isEmpty() ? "No emails sent yet." : null);
    }

    @Operation(summary = "The gateway's circuit breakers", description = "Relayed from the gateway's actuator.")
    @GetMapping(value = "/breakers", produces = MediaType.APPLICATION_JSON_VALUE)
    public BreakerRelay.Breakers breakers() {
        return breakers.breakers();
    }
}
