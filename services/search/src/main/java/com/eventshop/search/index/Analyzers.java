package com.eventshop.search.index;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Text analysis: words (Unicode rules), lower case, accents folded, plurals reduced
 * ("boots" finds "boot"). Queries add synonyms from the synonyms file (Solr format, e.g.
 * {@code tee, t-shirt}) with {@link SynonymGraphFilter}; the index itself stays synonym-free, so
 * changing the file needs no re-index. The {@code spell} field keeps whole words for "did you mean".
 */
public final class Analyzers {

    private final Analyzer index;
    private final Analyzer query;

    private Analyzers(SynonymMap synonyms) {
        Analyzer words = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, stemmed(source));
            }
        };
        Analyzer plain = plainWords();
        this.index = new PerFieldAnalyzerWrapper(words, Map.of(Fields.SPELL, plain, Fields.PREFIX_TITLE, plain));
        Analyzer withSynonyms = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = stemmed(source);
                if (synonyms.fst != null) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
        this.query = withSynonyms;
    }

    /** Analyzers with the synonyms of a Solr-format file (one group per line: {@code tee, t-shirt}). */
    public static Analyzers withSynonyms(Reader synonymsFile) {
        try {
            Analyzer parsing = new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    Tokenizer source = new StandardTokenizer();
                    return new TokenStreamComponents(source, stemmed(source));
                }
            };
            SolrSynonymParser parser = new SolrSynonymParser(true, true, parsing);
            parser.parse(synonymsFile);
            return new Analyzers(parser.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("The synonyms file is not in Solr format: " + e.getMessage(), e);
        }
    }

    public static Analyzers withoutSynonyms() {
        return withSynonyms(Reader.nullReader());
    }

    static TokenStream stemmed(Tokenizer source) {
        return new EnglishMinimalStemFilter(new ASCIIFoldingFilter(new LowerCaseFilter(source)));
    }

    /** Whole words, lower case, accents folded: prefixes and spelling work on what people type. */
    static Analyzer plainWords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
            }
        };
    }

    /** For documents (and the highlighter). */
    public Analyzer index() {
        return index;
    }

    /** For query words: the index analysis plus synonyms. */
    public Analyzer query() {
        return query;
    }

}
