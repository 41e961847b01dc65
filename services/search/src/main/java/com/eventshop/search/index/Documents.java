package com.eventshop.search.index;

import com.eventshop.contracts.events.PageCrawled;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/** Turns products, pages and categories into Lucene documents, and stored products back. */
final class Documents {

    /** Page text beyond this is not indexed (the start of a page says what it is about). */
    static final int MAX_TEXT_CHARS = 20_000;

    /** Text with offsets in the postings: the highlighter finds matches without re-analysing. */
    private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
    }

    private Documents() {
    }

    static Term uid(String type, String id) {
        return new Term(Fields.UID, type + ":" + id);
    }

    static Document product(ProductEntry p, String categoryName) {
        Document doc = new Document();
        common(doc, Fields.PRODUCT, p.id(), p.name(), p.description(), p.updated());
        String category = p.categorySlug() == null ? "" : p.categorySlug();
        doc.add(new TextField(Fields.CATEGORY_TEXT, (categoryName == null ? "" : categoryName) + " "
                + category.replace('-', ' '), Field.Store.NO));
        doc.add(new TextField(Fields.SPELL, p.name() + " " + (categoryName == null ? "" : categoryName), Field.Store.NO));
        if (!category.isEmpty()) {
            doc.add(new StringField(Fields.CATEGORY, category, Field.Store.YES));
            doc.add(new SortedDocValuesField(Fields.CATEGORY, new BytesRef(category)));
        }
        doc.add(new LongPoint(Fields.PRICE, p.priceCents()));
        doc.add(new NumericDocValuesField(Fields.PRICE, p.priceCents()));
        doc.add(new StoredField(Fields.PRICE, p.priceCents()));
        doc.add(new StoredField(Fields.CURRENCY, p.currency()));
        doc.add(new StoredField(Fields.SKU, p.sku()));
        doc.add(new StoredField(Fields.SLUG, p.slug()));
        if (p.imageUrl() != null) {
            doc.add(new StoredField(Fields.IMAGE, p.imageUrl()));
        }
        return doc;
    }

    static ProductEntry storedProduct(Document d) {
        return new ProductEntry(d.get(Fields.ID), d.get(Fields.SKU), d.get(Fields.SLUG), d.get(Fields.TITLE),
                d.get(Fields.DESCRIPTION), d.getField(Fields.PRICE).numericValue().longValue(), d.get(Fields.CURRENCY),
                d.get(Fields.CATEGORY), d.get(Fields.IMAGE), d.getField(Fields.UPDATED).numericValue().longValue());
    }

    static Document page(String url, PageCrawled page) {
        Document doc = new Document();
        String text = page.getText().length() > MAX_TEXT_CHARS ? page.getText().substring(0, MAX_TEXT_CHARS)
                : page.getText();
        String title = page.getTitle().isBlank() ? url : page.getTitle();
        common(doc, Fields.PAGE, url, title, text, page.getFetchedAt().toEpochMilli());
        doc.add(new TextField(Fields.CATEGORY_TEXT, page.getHost(), Field.Store.NO));
        doc.add(new TextField(Fields.SPELL, title, Field.Store.NO));
        doc.add(new StoredField(Fields.URL, page.getUrl()));
        return doc;
    }

    static Document category(String id, String slug, String name) {
        Document doc = new Document();
        doc.add(new StringField(Fields.UID, uid(Fields.CATEGORY_DOC, id).text(), Field.Store.NO));
        doc.add(new StoredField(Fields.CATEGORY_ID, id));
        doc.add(new StringField(Fields.TYPE, Fields.CATEGORY_DOC, Field.Store.NO));
        doc.add(new StoredField(Fields.SLUG, slug)); // not ID: a field keeps one schema in every document
        doc.add(new StoredField(Fields.NAME, name));
        return doc;
    }

    private static void common(Document doc, String type, String id, String title, String description, long updated) {
        doc.add(new StringField(Fields.UID, uid(type, id).text(), Field.Store.NO));
        doc.add(new StringField(Fields.TYPE, type, Field.Store.NO));
        doc.add(new StoredField(Fields.ID, id));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
        doc.add(new Field(Fields.TITLE, title, HIGHLIGHTED));
        doc.add(new TextField(Fields.PREFIX_TITLE, title, Field.Store.NO));
        doc.add(new Field(Fields.DESCRIPTION, description == null ? "" : description, HIGHLIGHTED));
        doc.add(new NumericDocValuesField(Fields.UPDATED, updated));
        doc.add(new StoredField(Fields.UPDATED, updated));
    }
}
