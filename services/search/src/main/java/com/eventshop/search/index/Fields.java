package com.eventshop.search.index;

/** The index's field names: one index holds products, crawled pages and the category names. */
final class Fields {

    /** {@code product:<id>}, {@code page:<url>}, {@code category:<slug>}: the key of an update or delete. */
    static final String UID = "uid";
    static final String TYPE = "type";
    /** The product id or page URL; also the last sort key (doc values), so equal keys keep one order. */
    static final String ID = "id";
    static final String TITLE = "title";
    /** Title words unstemmed, for prefix matching while typing. */
    static final String PREFIX_TITLE = "title_words";
    /** Category name and slug of a product, host of a page: weighs between title and description. */
    static final String CATEGORY_TEXT = "category_text";
    /** Product description or page text. */
    static final String DESCRIPTION = "description";
    /** Category slug: filter, facet, stored. */
    static final String CATEGORY = "category";
    static final String PRICE = "price";
    static final String CURRENCY = "currency";
    /** When the product last changed or the page was fetched (epoch millis): "newest". */
    static final String UPDATED = "updated";
    static final String IMAGE = "image";
    static final String URL = "url";
    static final String SKU = "sku";
    static final String SLUG = "slug";
    static final String NAME = "name";
    static final String CATEGORY_ID = "category_id";
    /** Whole words of titles and category names: the dictionary of "did you mean". */
    static final String SPELL = "spell";

    static final String PRODUCT = "product";
    static final String PAGE = "page";
    static final String CATEGORY_DOC = "category";

    private Fields() {
    }
}
