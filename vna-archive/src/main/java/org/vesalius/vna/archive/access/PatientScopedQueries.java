package org.vesalius.vna.archive.access;

import java.util.List;
import java.util.Optional;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;

/** Queries narrowed to the caller's patients: a query naming only others matches nothing, without asking the index. */
final class PatientScopedQueries implements QueryPort {

    private final QueryPort delegate;
    private final CallerScope caller;

    PatientScopedQueries(QueryPort delegate, CallerScope caller) {
        this.delegate = delegate;
        this.caller = caller;
    }

    @Override
    public QueryResult query(Query query) {
        Optional<Query> scoped = caller.current().restrict(query);
        return scoped.isPresent() ? delegate.query(scoped.get()) : new QueryResult(List.of(), 0, false, List.of());
    }
}
