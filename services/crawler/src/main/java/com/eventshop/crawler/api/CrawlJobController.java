package com.eventshop.crawler.api;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.commands.CrawlJobCancelled;
import com.eventshop.contracts.commands.CrawlJobRequested;
import com.eventshop.contracts.tables.CrawlJobStatus;
import com.eventshop.crawler.config.CrawlerProperties;
import com.eventshop.crawler.domain.CrawlScope;
import com.eventshop.crawler.domain.JobLedger;
import com.eventshop.crawler.domain.PageExtractor;
import com.eventshop.crawler.domain.UrlNormaliser;
import com.eventshop.crawler.streams.CrawlerTopology;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crawl jobs (admins only): start one, read its state and counters, cancel it. Nothing here
 * crawls: a request becomes a CrawlJobRequested on crawler.jobs and the stream processing runs
 * the job; the job's status is read from the global crawl-job-status store every instance holds.
 */
@RestController
@RequestMapping("/api/crawler/jobs")
public class CrawlJobController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long WRITE_TIMEOUT_MS = 10_000;
    static final int MAX_DEPTH = 50;
    static final int MAX_PAGES = 10_000_000;

    /** A job as the API shows it. */
    public record JobView(String id, String state, long fetched, long queued, long skippedByRobots, long duplicates,
                          long nearDuplicates, long badPages, long errors, long outstanding, List<String> seeds,
                          int maxDepth, int maxPages, Map<String, String> params, Instant createdAt, Instant updatedAt,
                          List<PageView> recentPages) {
        static JobView of(CrawlJobStatus s) {
            List<PageView> pages = s.getRecentPages().stream().map(p -> {
                int tab = p.indexOf('\t');
                return tab < 0 ? new PageView(p, "") : new PageView(p.substring(0, tab), p.substring(tab + 1));
            }).toList();
            return new JobView(s.getJobId(), s.getState(), s.getFetched(), s.getQueued(), s.getSkippedByRobots(),
                    s.getDuplicates(), s.getNearDuplicates(), s.getBadPages(), s.getErrors(), s.getOutstanding(),
                    s.getSeeds(), s.getMaxDepth(), s.getMaxPages(), s.getParams(), s.getCreatedAt(), s.getUpdatedAt(),
                    pages);
        }

        static JobView queued(CrawlJobRequested r) {
            return new JobView(r.getJobId(), JobLedger.QUEUED, 0, 0, 0, 0, 0, 0, 0, 0, r.getSeeds(), r.getMaxDepth(),
                    r.getMaxPages(), r.getParams(), r.getRequestedAt(), r.getRequestedAt(), List.of());
        }
    }

    public record PageView(String url, String title) {
    }

    public record Accepted(String id, String state) {
    }

    private final StreamsBuilderFactoryBean streams;
    private final KafkaTemplate<String, Object> kafka;
    private final CrawlerProperties properties;
    /** Jobs requested here whose status has not come back yet: they read as QUEUED. */
    private final Map<String, CrawlJobRequested> submitted = new ConcurrentHashMap<>();

    public CrawlJobController(StreamsBuilderFactoryBean streams, KafkaTemplate<String, Object> kafka,
                              CrawlerProperties properties) {
        this.streams = streams;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Starts a job: 202 {id, state: QUEUED}. A retried request with the same Idempotency-Key is the same job. */
    @Operation(summary = "Start a crawl job", description = "Seeds must be http(s) URLs; answers 202 with the job's id "
            + "and state QUEUED. A retried request with the same Idempotency-Key is the same job.")
    @PostMapping
    public ResponseEntity<Accepted> start(@RequestBody(required = false) String body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,100}")) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 100 printable ASCII characters");
        }
        String id = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("crawl " + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        CrawlJobRequested request = parse(body, id);
        if (!submitted.containsKey(id) && status(id).isEmpty()) {
            write(id, request);
            submitted.put(id, request);
        }
        return ResponseEntity.accepted().body(new Accepted(id, JobLedger.QUEUED));
    }

    @Operation(summary = "A crawl job with its state and counters")
    @GetMapping("/{id}")
    public JobView get(@PathVariable String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("No crawl job " + id).with("id", id));
    }

    /** Every job, newest first. */
    @Operation(summary = "Every crawl job, newest first")
    @GetMapping
    public List<JobView> list() {
        List<JobView> jobs = new ArrayList<>();
        try (KeyValueIterator<String, CrawlJobStatus> all = store().all()) {
            all.forEachRemaining(kv -> jobs.add(JobView.of(kv.value)));
        }
        submitted.values().stream().filter(r -> jobs.stream().noneMatch(j -> j.id().equals(r.getJobId())))
                .forEach(r -> jobs.add(JobView.queued(r)));
        jobs.sort(Comparator.comparing(JobView::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return jobs;
    }

    /** Cancels a job: 202 with its state; a job that is over stays as it is. */
    @Operation(summary = "Cancel a crawl job", description = "A job that is over stays as it is.")
    @DeleteMapping("/{id}")
    public ResponseEntity<Accepted> cancel(@PathVariable String id) {
        JobView job = get(id);
        if (JobLedger.TERMINAL.contains(job.state())) {
            return ResponseEntity.accepted().body(new Accepted(id, job.state()));
        }
        write(id, CrawlJobCancelled.newBuilder().setJobId(id).setCancelledBy(RequestUser.current().subject())
                .setCancelledAt(Instant.now()).build());
        return ResponseEntity.accepted().body(new Accepted(id, JobLedger.CANCELLED));
    }

    private Optional<JobView> find(String id) {
        Optional<CrawlJobStatus> status = status(id);
        if (status.isPresent()) {
            submitted.remove(id);
            return status.map(JobView::of);
        }
        return Optional.ofNullable(submitted.get(id)).map(JobView::queued);
    }

    private Optional<CrawlJobStatus> status(String id) {
        if (id.length() > 100) {
            return Optional.empty();
        }
        return Optional.ofNullable(store().get(id));
    }

    private ReadOnlyKeyValueStore<String, CrawlJobStatus> store() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !(kafkaStreams.state() == KafkaStreams.State.RUNNING
                || kafkaStreams.state() == KafkaStreams.State.REBALANCING)) {
            throw unavailable("stream processing is not running");
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(CrawlerTopology.JOB_STATUS_STORE,
                    QueryableStoreTypes.<String, CrawlJobStatus>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw unavailable("the crawl jobs are not queryable right now (" + e.getMessage() + ")");
        }
    }

    private void write(String id, SpecificRecord command) {
        try {
            kafka.send(Topics.CRAWLER_JOBS.name(), id, command).get(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the job could not be written");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("the job could not be written: " + e.getClass().getSimpleName());
        }
    }

    /** Reads and checks a job request; a problem names the field that is wrong. */
    CrawlJobRequested parse(String body, String id) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw invalid("body", "must be a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw invalid("body", "must be a JSON object {seeds, maxDepth, maxPages, ...}");
        }
        List<String> seeds = strings(node, "seeds");
        if (seeds.isEmpty()) {
            throw invalid("seeds", "at least one seed URL is required");
        }
        if (seeds.size() > properties.maxSeeds()) {
            throw invalid("seeds", "at most " + properties.maxSeeds() + " seeds");
        }
        for (int i = 0; i < seeds.size(); i++) {
            String seed = seeds.get(i);
            if (UrlNormaliser.normalise(seed).isEmpty() || !seed.strip().toLowerCase().matches("https?://.*")) {
                throw invalid("seeds[" + i + "]", "must be an absolute http or https URL: " + seed);
            }
        }
        int maxDepth = integer(node, "maxDepth", 2, 0, MAX_DEPTH);
        int maxPages = integer(node, "maxPages", 100, 1, MAX_PAGES);
        List<String> allowedDomains = strings(node, "allowedDomains");
        for (int i = 0; i < allowedDomains.size(); i++) {
            if (!allowedDomains.get(i).matches("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
                throw invalid("allowedDomains[" + i + "]", "must be a host name or domain");
            }
        }
        List<String> include = strings(node, "include");
        List<String> exclude = strings(node, "exclude");
        patterns("include", include);
        patterns("exclude", exclude);
        Map<String, String> params = params(node);
        return CrawlJobRequested.newBuilder().setJobId(id).setSeeds(seeds.stream().map(String::strip).toList())
                .setMaxDepth(maxDepth).setMaxPages(maxPages).setAllowedDomains(allowedDomains).setInclude(include)
                .setExclude(exclude).setParams(params).setRequestedBy(RequestUser.current().subject())
                .setRequestedAt(Instant.now()).build();
    }

    private static void patterns(String field, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            try {
                CrawlScope.compile(List.of(patterns.get(i)));
            } catch (IllegalArgumentException e) {
                throw invalid(field + "[" + i + "]", e.getMessage());
            }
        }
    }

    private static Map<String, String> params(JsonNode node) {
        JsonNode params = node.get("params");
        Map<String, String> out = new LinkedHashMap<>();
        if (params == null || params.isNull()) {
            return out;
        }
        if (!params.isObject()) {
            throw invalid("params", "must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            String key = e.getKey();
            if (!key.matches("[A-Za-z0-9_.-]{1,64}") || !e.getValue().isValueNode()) {
                throw invalid("params." + key, "a parameter is a name (letters, digits, _ . -) and a string");
            }
            String value = e.getValue().asString();
            if (!CrawlerTopology.JOB_SETTINGS.contains(key)) {
                try {
                    PageExtractor.validateSelector(value);
                } catch (IllegalArgumentException ex) {
                    throw invalid("params." + key, ex.getMessage());
                }
            } else if (!value.matches("\\d{1,6}")) {
                throw invalid("params." + key, "must be a number of milliseconds");
            }
            out.put(key, value);
        }
        return out;
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isString()) {
            return List.of(value.asString());
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw invalid(field, "must be an array of strings");
            }
            out.add(item.asString());
        }
        return out;
    }

    private static int integer(JsonNode node, String field, int fallback, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw invalid(field, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest(field + " " + message).with("field", field)
                .with("errors", Map.of(field, message));
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Crawler temporarily unavailable", detail);
    }
}
