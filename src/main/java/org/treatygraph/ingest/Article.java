package org.treatygraph.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * An article to ingest: its text, its date (what relative dates resolve against), its publisher
 * and title as given on the command line, and its number (NNN of graph source/NNN). Its file name
 * in the project is {@code NNN_} and the first 16 hex digits of the SHA-256 of its text, as the
 * curated texts are named (shape S13).
 */
record Article(String number, String text, LocalDate date, String publisher, String title) {

    Article {
        if (!number.matches("\\d{3}"))
            throw new IllegalArgumentException("a source number has three digits (005), not '" + number + "'");
        if (text.isBlank())
            throw new IllegalArgumentException("the article is empty");
    }

    String fileName() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return number + "_" + HexFormat.of().formatHex(h).substring(0, 16) + ".txt";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
