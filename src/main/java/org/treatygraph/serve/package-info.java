/** Serve: the embedded Fuseki server for dataset /kg, its security (auth, SERVICE allow-list, LOAD refusal, timeouts) and its query conveniences (https schema.org, Wikidata IRIs, client quirks). */
package org.treatygraph.serve;
