package com.eventshop.search.api;

import com.eventshop.platform.web.ProblemException;
import com.eventshop.search.domain.InvalidSearchException;
import com.eventshop.search.domain.SearchRequest;
import com.eventshop.search.domain.SearchResults;
import com.eventshop.search.feed.SearchView;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/search, GET /api/search/suggest (public) and POST /api/search/admin/rebuild (admins). */
@RestController
@RequestMapping("/api/search")
public class SearchController {

    static final int SUGGESTIONS = 8;

    private final SearchView view;

    public SearchController(SearchView view) {
        this.view = view;
    }

    /** The type-ahead answer. */
    public record Suggestions(String q, List<SearchResults.Item> items) {
    }

    @Operation(summary = "Search products and crawled pages",
            description = "Ranked by relevance (or price, newest), typo-tolerant, with category and price facets, "
                    + "highlighted snippets and a spelling suggestion when nothing matches.")
    @GetMapping
    public SearchResults search(@RequestParam(required = false) String q,
                                @RequestParam(required = false) String type,
                                @RequestParam(required = false) String category,
                                @RequestParam(required = false) String minPrice,
                                @RequestParam(required = false) String maxPrice,
                                @RequestParam(required = false) String sort,
                                @RequestParam(required = false) String page,
                                @RequestParam(required = false) String size,
                                @RequestParam(required = false) String after) {
        SearchRequest request;
        try {
            request = SearchRequest.parse(q, type, category, minPrice, maxPrice, sort, page, size, after);
        } catch (InvalidSearchException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, e.getMessage()).with("parameter", e.parameter());
        }
        return view.search(request);
    }

    @Operation(summary = "Type-ahead suggestions for the text typed so far")
    @GetMapping("/suggest")
    public Suggestions suggest(@RequestParam(required = false) String q) {
        if (q == null || q.isBlank()) {
            throw ProblemException.badRequest("q is required: the text typed so far").with("parameter", "q");
        }
        if (q.length() > SearchRequest.MAX_QUERY_LENGTH) {
            throw ProblemException.badRequest("q is longer than " + SearchRequest.MAX_QUERY_LENGTH + " characters")
                    .with("parameter", "q");
        }
        return new Suggestions(q, view.suggest(q, SUGGESTIONS));
    }

    /** Replays the topics into a fresh index and swaps it in; queries are answered throughout. */
    @Operation(summary = "Rebuild the index from the topics (admin)",
            description = "Replays the topics into a fresh index and swaps it in; queries are answered throughout.")
    @PostMapping("/admin/rebuild")
    public SearchView.RebuildResult rebuild() throws InterruptedException {
        return view.rebuild();
    }
}
