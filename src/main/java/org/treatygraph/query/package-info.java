/** Query: the named-query library (queries/*.rq): their headers, and running one over a dataset. */
package org.treatygraph.query;
