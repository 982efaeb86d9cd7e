package org.treatygraph.query;

import java.util.Locale;
import java.util.Optional;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.resultset.ResultSetLang;

/** How SELECT and ASK results are written: the standard SPARQL result formats, or a text table. */
public enum ResultFormat {
    JSON("json", "application/sparql-results+json", ResultSetLang.RS_JSON),
    XML("xml", "application/sparql-results+xml", ResultSetLang.RS_XML),
    CSV("csv", "text/csv", ResultSetLang.RS_CSV),
    TSV("tsv", "text/tab-separated-values", ResultSetLang.RS_TSV),
    TABLE("table", "text/plain", ResultSetLang.RS_Text);

    private final String shortName;
    private final String mediaType;
    private final Lang lang;

    ResultFormat(String shortName, String mediaType, Lang lang) {
        this.shortName = shortName;
        this.mediaType = mediaType;
        this.lang = lang;
    }

    /** json, xml, csv, tsv or table. */
    public String shortName() { return shortName; }

    public String mediaType() { return mediaType; }

    public Lang lang() { return lang; }

    /** By short name (json, xml, csv, tsv, table; also text) or by media type. */
    public static Optional<ResultFormat> of(String nameOrMediaType) {
        String s = nameOrMediaType == null ? "" : nameOrMediaType.strip().toLowerCase(Locale.ROOT);
        for (ResultFormat f : values())
            if (f.shortName.equals(s) || f.mediaType.equals(s))
                return Optional.of(f);
        return switch (s) {
            case "text", "txt" -> Optional.of(TABLE);
            case "application/json", "srj" -> Optional.of(JSON);
            case "application/xml", "srx" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }
}
