/** Wikidata linking: proposes candidate items for unlinked entities and checks existing links, against a configurable Wikidata SPARQL endpoint. */
package org.treatygraph.link;
