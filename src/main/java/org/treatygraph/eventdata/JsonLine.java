package org.treatygraph.eventdata;

import java.util.Map;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonBoolean;
import org.apache.jena.atlas.json.JsonNull;
import org.apache.jena.atlas.json.JsonNumber;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonString;
import org.apache.jena.atlas.json.JsonValue;

/**
 * A JSON value on one line, members in insertion order, no spaces, non-ASCII text as it is (the
 * output is UTF-8): the form of a JSON Lines record. Only control characters and the two
 * JavaScript line separators are escaped.
 */
final class JsonLine {
    private JsonLine() {}

    static String of(JsonValue v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    private static void write(StringBuilder b, JsonValue v) {
        if (v instanceof JsonObject o) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                if (!first)
                    b.append(',');
                first = false;
                string(b, e.getKey());
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof JsonArray a) {
            b.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0)
                    b.append(',');
                write(b, a.get(i));
            }
            b.append(']');
        } else if (v instanceof JsonString s) {
            string(b, s.value());
        } else if (v instanceof JsonNumber n) {
            b.append(n.value() instanceof java.math.BigDecimal d ? d.toPlainString() : n.value().toString());
        } else if (v instanceof JsonBoolean t) {
            b.append(t.value());
        } else if (v instanceof JsonNull || v == null) {
            b.append("null");
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + v);
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                        b.append(String.format("\\u%04x", (int) c));
                    else
                        b.append(c);
                }
            }
        }
        b.append('"');
    }
}
