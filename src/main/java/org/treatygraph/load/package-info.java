/** Load: finds the project's input files, parses and SHACL-validates them, hashes them, and writes them into TDB2 in one transaction. */
package org.treatygraph.load;
