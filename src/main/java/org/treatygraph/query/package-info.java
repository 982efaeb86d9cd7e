/** Query: the named-query library (queries/*.rq): their headers, safe parameter binding, and running one over a dataset. */
package org.treatygraph.query;
