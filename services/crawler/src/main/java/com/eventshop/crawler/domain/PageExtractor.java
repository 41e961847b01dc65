package com.eventshop.crawler.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Turns a fetched response into a page: checks it is HTML of a sane size in a readable encoding,
 * then takes its title, its text, its links and the job's item fields (CSS selectors, e.g.
 * {@code price=.product .price}, or {@code image=img.main@src} for an attribute).
 */
public final class PageExtractor {

    /** A page, or the reason it is bad. */
    public record Page(String title, String text, List<String> links, Map<String, String> fields, boolean noFollow) {
    }

    /** Why a response is not a page. */
    public static final class BadPage extends Exception {
        public BadPage(String reason) {
            super(reason, null, false, false);
        }
    }

    public static final int MAX_TEXT_CHARS = 100_000;
    public static final int MAX_LINKS = 1_000;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    private final long maxBytes;

    public PageExtractor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    /**
     * @param url         the page's (normalised) URL, the base of relative links
     * @param contentType the Content-Type header
     * @param body        the body (at most maxBytes + 1 bytes were read)
     * @param selectors   field name to CSS selector
     */
    public Page extract(String url, String contentType, byte[] body, Map<String, String> selectors) throws BadPage {
        if (!isHtml(contentType)) {
            throw new BadPage("not HTML: " + contentType);
        }
        if (body.length > maxBytes) {
            throw new BadPage("larger than " + maxBytes + " bytes");
        }
        String html = decode(body, charsetOf(contentType, body));
        Document doc = Jsoup.parse(html, url);
        String title = doc.title();
        String text = doc.body() == null ? "" : doc.body().text();
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS);
        }
        String robots = doc.select("meta[name=robots]").attr("content").toLowerCase(Locale.ROOT);
        boolean noFollow = robots.contains("nofollow") || robots.contains("none");
        Set<String> links = new LinkedHashSet<>();
        if (!noFollow) {
            for (Element a : doc.select("a[href]")) {
                if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                    continue;
                }
                UrlNormaliser.normalise(a.absUrl("href")).ifPresent(links::add);
                if (links.size() >= MAX_LINKS) {
                    break;
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        selectors.forEach((name, selector) -> {
            String value = field(doc, selector);
            if (value != null && !value.isEmpty()) {
                fields.put(name, value);
            }
        });
        return new Page(title, text, new ArrayList<>(links), fields, noFollow);
    }

    /** Checks that a selector is valid CSS (jsoup), throwing IllegalArgumentException otherwise. */
    public static void validateSelector(String selector) {
        String css = selector.contains("@") ? selector.substring(0, selector.lastIndexOf('@')) : selector;
        try {
            Selector.evaluatorOf(css);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a CSS selector: " + selector);
        }
    }

    private static String field(Document doc, String selector) {
        int at = selector.lastIndexOf('@');
        String css = at > 0 ? selector.substring(0, at) : selector;
        String attribute = at > 0 ? selector.substring(at + 1) : null;
        try {
            Element element = doc.selectFirst(css);
            if (element == null) {
                return null;
            }
            return attribute == null ? element.text() : element.absUrl(attribute).isEmpty()
                    ? element.attr(attribute) : element.absUrl(attribute);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The charset from the Content-Type, else from a meta tag in the first bytes, else UTF-8. */
    static Charset charsetOf(String contentType, byte[] body) throws BadPage {
        String name = null;
        Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
        if (m.find()) {
            name = m.group(1);
        } else {
            String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1);
            Matcher meta = CHARSET.matcher(head);
            if (meta.find()) {
                name = meta.group(1);
            }
        }
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw new BadPage("unknown encoding " + name);
        }
    }

    /** Strict decoding: malformed bytes make a bad page instead of a page of replacement characters. */
    static String decode(byte[] body, Charset charset) throws BadPage {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadPage("broken " + charset.name() + " encoding");
        }
    }
}
