package com.eventshop.ops.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Events per second per topic, from samples of the topics' end offsets (the sum over partitions):
 * the offset growth between the oldest and the newest sample inside the window, divided by the
 * time between them. Not thread-safe; the sampler owns it.
 */
public final class TopicRates {

    private record Sample(Instant at, long endOffset) {
    }

    private final Duration window;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    public TopicRates(Duration window) {
        this.window = window;
    }

    /** Records one sample of every topic's end offset (sum over its partitions). */
    public void record(Instant at, Map<String, Long> endOffsets) {
        endOffsets.forEach((topic, offset) -> {
            Deque<Sample> topicSamples = samples.computeIfAbsent(topic, t -> new ArrayDeque<>());
            topicSamples.addLast(new Sample(at, offset));
            // keep one sample older than the window as the base of the rate
            while (topicSamples.size() > 2 && !second(topicSamples).at().isAfter(at.minus(window))) {
                topicSamples.removeFirst();
            }
        });
    }

    private static Sample second(Deque<Sample> samples) {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** Events per second over the window; 0 until there are two samples. */
    public double rate(String topic) {
        Deque<Sample> topicSamples = samples.get(topic);
        if (topicSamples == null || topicSamples.size() < 2) {
            return 0;
        }
        Sample first = topicSamples.getFirst();
        Sample last = topicSamples.getLast();
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        long events = Math.max(0, last.endOffset() - first.endOffset()); // a recreated topic restarts at 0
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** Seconds the current rates are measured over (0 before the second sample). */
    public double measuredSeconds() {
        return samples.values().stream().filter(s -> s.size() >= 2)
                .mapToDouble(s -> Duration.between(s.getFirst().at(), s.getLast().at()).toMillis() / 1000.0)
                .max().orElse(0);
    }
}
