package com.eventshop.crawler.domain;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which normalised URLs a job may visit: its allowed domains (a domain and its subdomains; the
 * seeds' hosts when none are given), its include and exclude patterns, its depth limit, and a
 * guard against crawler traps (endless calendars, repeated path segments, huge URLs).
 */
public final class CrawlScope {

    /** Why a URL is out of scope; null when it is in. */
    public enum Refusal { DOMAIN, EXCLUDED, NOT_INCLUDED, DEPTH, TRAP }

    static final int MAX_URL_LENGTH = 1024;
    static final int MAX_PATH_SEGMENTS = 16;
    static final int MAX_SEGMENT_REPEATS = 3;

    private final List<String> domains;
    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final int maxDepth;

    public CrawlScope(List<String> seeds, List<String> allowedDomains, List<String> include, List<String> exclude,
                      int maxDepth) {
        List<String> given = allowedDomains == null ? List.of() : allowedDomains.stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).map(CrawlScope::withoutDot).toList();
        this.domains = !given.isEmpty() ? given : seeds.stream()
                .map(s -> UrlNormaliser.normalise(s).map(u -> URI.create(u).getHost()).orElse(null))
                .filter(h -> h != null).distinct().toList();
        this.include = compile(include);
        this.exclude = compile(exclude);
        this.maxDepth = maxDepth;
    }

    /** Compiles patterns, or throws IllegalArgumentException naming the bad one. */
    public static List<Pattern> compile(List<String> patterns) {
        if (patterns == null) {
            return List.of();
        }
        return patterns.stream().map(p -> {
            try {
                return Pattern.compile(p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a regular expression: " + p);
            }
        }).toList();
    }

    /** Null when the job may visit {@code url} (normalised) at {@code depth}, else why not. */
    public Refusal check(String url, int depth) {
        if (depth > maxDepth) {
            return Refusal.DEPTH;
        }
        String host = URI.create(url).getHost();
        if (domains.stream().noneMatch(d -> host.equals(d) || host.endsWith("." + d))) {
            return Refusal.DOMAIN;
        }
        if (exclude.stream().anyMatch(p -> p.matcher(url).find())) {
            return Refusal.EXCLUDED;
        }
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(url).find())) {
            return Refusal.NOT_INCLUDED;
        }
        if (looksLikeATrap(url)) {
            return Refusal.TRAP;
        }
        return null;
    }

    static boolean looksLikeATrap(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return true;
        }
        String path = URI.create(url).getRawPath();
        String[] segments = path.split("/");
        if (segments.length > MAX_PATH_SEGMENTS) {
            return true;
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String segment : segments) {
            if (!segment.isEmpty() && counts.merge(segment, 1, Integer::sum) > MAX_SEGMENT_REPEATS) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shape of a URL with every run of digits replaced, e.g. {@code /calendar?day=2026-12-08}
     * and {@code /calendar?day=2027-01-09} share one: a job caps how many URLs of one shape it
     * admits, which is what stops calendar-style traps that depth alone lets run wide.
     */
    public static String shape(String url) {
        String origin = UrlNormaliser.origin(url);
        return origin + url.substring(origin.length()).replaceAll("[0-9]+", "0");
    }

    private static String withoutDot(String d) {
        return d.startsWith(".") ? d.substring(1) : d;
    }
}
