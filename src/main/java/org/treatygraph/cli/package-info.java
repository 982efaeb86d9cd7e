/** CLI: the picocli entry point and one class per verb: parse flags, build the config, call the stage. */
package org.treatygraph.cli;
