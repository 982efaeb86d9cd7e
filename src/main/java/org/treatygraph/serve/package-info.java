/** Serve: the embedded Fuseki server for dataset /kg and its security (auth, SERVICE allow-list, LOAD refusal, timeouts). */
package org.treatygraph.serve;
