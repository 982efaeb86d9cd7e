package org.treatygraph.serve;

import org.apache.jena.fuseki.servlets.ActionProcessor;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.treatygraph.load.Database;
import org.treatygraph.load.LoadException;
import org.treatygraph.load.WriteReport;

/**
 * {@code POST /$/reload} (basic auth): rebuild the database from the project files while the
 * server keeps serving — the files are parsed and validated first, then one write transaction
 * replaces the asserted graphs, replays the journal of HTTP changes and re-derives; readers see
 * the old state until it commits, then the new one, and are never blocked.
 * {@code ?discard-changes=true} first drops the journal (the HTTP changes) — after a curator has
 * moved them into data/. Answers 200 with the write report, or the refusal with every problem
 * (400 unreadable files, 409 journaled changes that conflict with the files, 422 findings).
 */
final class ReloadService implements ActionProcessor {
    static final String PATH = "/$/reload";

    private final Database database;

    ReloadService(Database database) {
        this.database = database;
    }

    @Override
    public void execPost(HttpAction action) {
        if (action.getUser() == null) {
            ServletOps.error(401, "Reload needs the credentials of a user of the password file");
            return;
        }
        try {
            if ("true".equalsIgnoreCase(action.getRequestParameter("discard-changes")))
                database.discardJournal();
            WriteReport r = database.rebuild(Database.OnError.REFUSE);
            action.log.info(String.format("[%d] Reload by %s: +%d -%d asserted, %d journaled change(s) replayed, %d ms",
                                          action.id, action.getUser(), r.added(), r.removed(), r.replayed(), r.millis()));
            WriteResponses.report(action, 200, r, null);
        } catch (LoadException e) {
            WriteResponses.refused(action, e);
        }
    }

    @Override
    public void execOptions(HttpAction action) {
        action.setResponseHeader("Allow", "POST, OPTIONS");
        ServletOps.success(action);
    }
}
