package com.eventshop.crawler.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One spelling per resource, so the seen-set catches duplicates written differently: lower-case
 * scheme and host, no default port, no fragment, dot segments resolved, an empty path as "/",
 * query parameters sorted, session ids dropped (as parameters and as {@code ;jsessionid=} path
 * parameters), percent escapes in upper case. Only http and https URLs are crawlable.
 */
public final class UrlNormaliser {

    private static final Set<String> SESSION_PARAMETERS = Set.of("jsessionid", "phpsessid", "sid", "sessionid",
            "session_id", "aspsessionid", "cfid", "cftoken", "zenid", "osCsid".toLowerCase(Locale.ROOT));
    private static final Pattern PATH_SESSION = Pattern.compile("(?i);(jsessionid|phpsessid|sid|sessionid)=[^/?#]*");
    private static final Pattern ESCAPE = Pattern.compile("%([0-9a-fA-F]{2})");
    private static final String LEGAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%";

    private UrlNormaliser() {
    }

    /** The normal form of an absolute URL, or empty when it is malformed or not http(s). */
    public static Optional<String> normalise(String raw) {
        return normalise(null, raw);
    }

    /** Resolves {@code raw} against {@code base} (may be null) and normalises it. */
    public static Optional<String> normalise(String base, String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = parse(raw.strip());
            if (base != null) {
                uri = parse(base).resolve(uri);
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.isOpaque()) {
                return Optional.empty();
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            int port = uri.getPort();
            if (port == defaultPort(scheme)) {
                port = -1;
            }
            String path = uri.normalize().getRawPath();
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            while (path.startsWith("/../")) {
                path = path.substring(3);
            }
            path = upperEscapes(PATH_SESSION.matcher(path).replaceAll(""));
            String query = query(uri.getRawQuery());
            StringBuilder out = new StringBuilder(scheme).append("://").append(host);
            if (port != -1) {
                out.append(':').append(port);
            }
            out.append(path);
            if (!query.isEmpty()) {
                out.append('?').append(query);
            }
            return Optional.of(out.toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The politeness key of a normalised URL: host, with the port when it is not the default. */
    public static String hostKey(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort();
        return port == -1 || port == defaultPort(uri.getScheme()) ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** The site's root ({@code scheme://host[:port]}) of a normalised URL. */
    public static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + hostKey(url);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static URI parse(String raw) throws URISyntaxException {
        return new URI(escapeIllegal(raw));
    }

    /** Percent-encodes (UTF-8) every character that may not appear in a URI, e.g. spaces. */
    static String escapeIllegal(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            if (cp < 128 && LEGAL.indexOf(cp) >= 0) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (SESSION_PARAMETERS.contains(name) || name.startsWith("aspsessionid")) {
                continue;
            }
            kept.add(upperEscapes(pair));
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static String upperEscapes(String s) {
        return s.indexOf('%') < 0 ? s : ESCAPE.matcher(s).replaceAll(m -> "%" + m.group(1).toUpperCase(Locale.ROOT));
    }
}
